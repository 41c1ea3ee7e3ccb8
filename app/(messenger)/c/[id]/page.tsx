// An open chat: rendered by the layout's shell, which reads the id from the URL.
export default function ChatPage() {
  return null;
}
