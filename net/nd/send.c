// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 messages the roles originate themselves: the anchors' DAD probes
 * (anchor/nd.c) and the access router's echo requests to its MAPs
 * (ar/watch.c), and a home agent's Mobile Prefix Advertisements, which go
 * to a mobile node's home address through a type 2 routing header
 * (ha/mpd.c), and a mobile node's Home Agent Address Discovery Requests
 * (mn/dhaad.c). Each role routes its message as it must (DAD from the
 * unspecified address out of one interface, an echo request wherever the
 * routing table says); the packet is built and sent here. Also the
 * Home-Agents anycast address both ends of discovery compute.
 */

#include <linux/icmpv6.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "nd/send.h"

/* Builds and sends; @opt carries extension headers, or is NULL. */
static int hmip_nd_xmit(struct hmip_net *hn, struct flowi6 *fl6,
			struct dst_entry *dst, const void *msg,
			unsigned int len, gfp_t gfp,
			struct ipv6_txoptions *opt)
{
	unsigned int head = MAX_HEADER + sizeof(struct ipv6hdr) +
			    (opt ? opt->opt_nflen + opt->opt_flen : 0);
	struct icmp6hdr *icmph;
	struct sk_buff *skb;
	int err;

	skb = alloc_skb(head + len, gfp);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, head);
	icmph = skb_put_data(skb, msg, len);
	skb_reset_transport_header(skb);
	icmph->icmp6_cksum = csum_ipv6_magic(&fl6->saddr, &fl6->daddr, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmph, len, 0));
	skb_dst_set(skb, dst);
	local_bh_disable();
	err = ip6_xmit(hn->nd_sk, skb, fl6, 0, opt, 0, 0);
	local_bh_enable();
	return err;
}

/**
 * hmip_nd_send_icmp - send one ICMPv6 message from the netns's ND socket
 * @hn: hmip state of the netns
 * @fl6: the flow @dst was looked up for: its source and destination are
 *	the packet's
 * @dst: the route; consumed
 * @msg: the message, ICMPv6 header first, its checksum field zero
 * @len: its length
 * @gfp: for the packet
 *
 * The socket sends with hop limit 255 and no multicast loop, as ND needs.
 *
 * Context: any but hard IRQ.
 * Return: 0, or a negative errno when nothing was sent.
 */
int hmip_nd_send_icmp(struct hmip_net *hn, struct flowi6 *fl6,
		      struct dst_entry *dst, const void *msg, unsigned int len,
		      gfp_t gfp)
{
	return hmip_nd_xmit(hn, fl6, dst, msg, len, gfp, NULL);
}

/**
 * hmip_nd_send_icmp_rh2 - send an ICMPv6 message to a mobile node away
 * @hn: hmip state of the netns
 * @fl6: the flow: its source, and the home address as destination
 * @coa: the care-of address the packet goes to first
 * @msg: the message, ICMPv6 header first, its checksum field zero
 * @len: its length
 *
 * RFC 6275 section 6.4: a type 2 routing header carries the home address
 * and the packet goes to the care-of address. Routing and IPsec policy
 * see the flow to the home address (its final destination), as for a
 * Binding Acknowledgment; the checksum's pseudo-header has it too.
 *
 * Context: softirq or process; allocates with GFP_ATOMIC.
 * Return: 0, -ENOMEM, or the errno of a failed route lookup or send.
 */
int hmip_nd_send_icmp_rh2(struct hmip_net *hn, struct flowi6 *fl6,
			  const struct in6_addr *coa, const void *msg,
			  unsigned int len)
{
	struct {
		struct ipv6_txoptions opt;
		struct rt2_hdr rt2;
	} txo;
	struct in6_addr final, *final_p;
	struct dst_entry *dst;

	memset(&txo, 0, sizeof(txo));
	txo.opt.tot_len = sizeof(txo);
	/* ip6_xmit() swaps the final destination into the header and
	 * sends to the address it held: the type 2 layout.
	 */
	txo.rt2.rt_hdr.hdrlen = 2;
	txo.rt2.rt_hdr.type = IPV6_SRCRT_TYPE_2;
	txo.rt2.rt_hdr.segments_left = 1;
	txo.rt2.addr = *coa;
	txo.opt.opt_nflen = sizeof(txo.rt2);
	txo.opt.srcrt = &txo.rt2.rt_hdr;

	final_p = fl6_update_dst(fl6, &txo.opt, &final);
	dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, fl6, final_p);
	if (IS_ERR(dst))
		return PTR_ERR(dst);
	/* ip6_dst_lookup_flow() put the final destination back in @fl6, as
	 * the checksum and ip6_xmit() want it.
	 */
	return hmip_nd_xmit(hn, fl6, dst, msg, len, GFP_ATOMIC, &txo.opt);
}

/**
 * hmip_nd_ha_anycast - the Mobile IPv6 Home-Agents anycast address of a
 *	prefix
 * @prefix: the home prefix
 * @len: its length
 * @ac: where it goes
 *
 * RFC 2526 section 2: the prefix, then an interface identifier of all
 * ones but the anycast ID 126 (0x7e) in its last 7 bits; for a /64 (the
 * EUI-64 format) the universal/local bit is clear as well:
 * PREFIX:fdff:ffff:ffff:fffe. The home agent joins it (ha/dhaad.c), the
 * mobile node sends its discovery requests to it (mn/dhaad.c).
 *
 * Return: false when the prefix leaves no room for one (longer than /120).
 */
bool hmip_nd_ha_anycast(const struct in6_addr *prefix, unsigned int len,
			struct in6_addr *ac)
{
	unsigned int i;

	if (len > 120)
		return false;
	ipv6_addr_prefix(ac, prefix, len);
	for (i = len; i < 128; i++)
		ac->s6_addr[i / 8] |= 0x80 >> (i % 8);
	ac->s6_addr[15] = 0xfe;
	if (len == 64)
		ac->s6_addr[8] = 0xfd;
	return true;
}

/**
 * hmip_nd_lladdr - the link-local address of @dev to send from
 * @dev: the interface
 * @addr: the address
 * @optimistic: set when it may be used but not announced (no Source
 *	Link-Layer Address option, RFC 4429)
 *
 * Shared by the mobile node's solicitations and the access router's
 * Proxy Router Advertisements.
 *
 * Return: false while the only one is tentative, or there is none.
 */
bool hmip_nd_lladdr(struct net_device *dev, struct in6_addr *addr,
		    bool *optimistic)
{
	struct inet6_ifaddr *ifa;
	struct inet6_dev *idev;
	bool found = false;

	idev = in6_dev_get(dev);
	if (!idev)
		return false;
	read_lock_bh(&idev->lock);
	list_for_each_entry(ifa, &idev->addr_list, if_list) {
		if (ifa->scope != IFA_LINK ||
		    ifa->flags & IFA_F_DADFAILED)
			continue;
		if (ifa->flags & IFA_F_TENTATIVE &&
		    !(ifa->flags & IFA_F_OPTIMISTIC))
			continue;
		*addr = ifa->addr;
		*optimistic = ifa->flags & IFA_F_OPTIMISTIC;
		found = true;
		if (!*optimistic)
			break;
	}
	read_unlock_bh(&idev->lock);
	in6_dev_put(idev);
	return found;
}
