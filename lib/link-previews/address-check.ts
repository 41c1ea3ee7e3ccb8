import ipaddr from "ipaddr.js";

/**
 * Whether an address is an ordinary public unicast one, the only kind a link preview may connect
 * to. ipaddr.js names every special range (private, loopback, link-local, CGNAT, multicast,
 * unspecified, unique-local, NAT64, 6to4, Teredo, reserved, …) and `process` unwraps IPv4-mapped
 * IPv6 (::ffff:10.0.0.1) to the IPv4 address it carries, so anything but "unicast" is refused.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  return ipaddr.process(ip).range() === "unicast";
}
