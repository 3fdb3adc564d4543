// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 messages the roles originate themselves: the anchors' DAD probes
 * (anchor/nd.c) and the access router's echo requests to its MAPs
 * (ar/watch.c). Each role routes its message as it must (DAD from the
 * unspecified address out of one interface, an echo request wherever the
 * routing table says); the packet is built and sent here.
 */

#include <linux/icmpv6.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "nd/send.h"

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
	struct icmp6hdr *icmph;
	struct sk_buff *skb;
	int err;

	skb = alloc_skb(MAX_HEADER + sizeof(struct ipv6hdr) + len, gfp);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, MAX_HEADER + sizeof(struct ipv6hdr));
	icmph = skb_put_data(skb, msg, len);
	skb_reset_transport_header(skb);
	icmph->icmp6_cksum = csum_ipv6_magic(&fl6->saddr, &fl6->daddr, len,
					     IPPROTO_ICMPV6,
					     csum_partial(icmph, len, 0));
	skb_dst_set(skb, dst);
	local_bh_disable();
	err = ip6_xmit(hn->nd_sk, skb, fl6, 0, NULL, 0, 0);
	local_bh_enable();
	return err;
}
