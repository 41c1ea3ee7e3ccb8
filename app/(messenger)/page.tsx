// The chat list: rendered by the layout's shell.
export default function ChatsPage() {
  return null;
}
