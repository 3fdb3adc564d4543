// SPDX-License-Identifier: GPL-2.0
/*
 * Sending Mobility Header messages from the per-netns control socket, and
 * a mobile node's ICMPv6 messages with a Home Address option (its Mobile
 * Prefix Solicitations) the same way.
 */

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/xfrm.h>

#include "mh/mh.h"
#include "core/netns.h"

/* The Home Address option of a mobile node's message, in a Destination
 * Options header after any routing header (RFC 6275 section 6.3): a PadN
 * puts the option at 8n+6.
 */
struct hmip_hao_hdr {
	struct ipv6_opt_hdr hdr;
	u8 padn[4];
	struct ipv6_destopt_hao hao;
} __packed;

/**
 * struct hmip_mh_msg - what goes after the extension headers
 * @proto: %IPPROTO_MH or %IPPROTO_ICMPV6
 * @type: its MH type or ICMPv6 type, for IPsec selectors
 * @data: the message, its checksum field zero or not
 * @len: its octets
 * @csum_off: offset of its checksum field
 */
struct hmip_mh_msg {
	u8 proto;
	u8 type;
	const void *data;
	unsigned int len;
	unsigned int csum_off;
};

static int hmip_mh_xmit_msg(struct hmip_net *hn, const struct in6_addr *saddr,
			    const struct in6_addr *daddr,
			    const struct in6_addr *rh2_addr,
			    const struct in6_addr *hoa, int oif,
			    const struct hmip_mh_msg *msg)
{
	struct {
		struct ipv6_txoptions opt;
		struct rt2_hdr rt2;
		struct hmip_hao_hdr hao;
	} txo;
	unsigned int len = msg->len;
	struct sock *sk = hn->mh_sk;
	struct in6_addr final, *final_p;
	const struct in6_addr *psrc;
	struct dst_entry *dst;
	struct sk_buff *skb;
	struct flowi6 fl6;
	__sum16 csum;
	u8 *out;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = msg->proto;
	/* What a policy's "proto 135 type N" matches, as for a raw socket. */
	if (msg->proto == IPPROTO_MH)
		fl6.fl6_mh_type = msg->type;
	else
		fl6.fl6_icmp_type = msg->type;
	fl6.flowi6_oif = oif;
	fl6.saddr = *saddr;
	fl6.daddr = rh2_addr ? *rh2_addr : *daddr;

	memset(&txo, 0, sizeof(txo));
	txo.opt.tot_len = sizeof(txo);
	if (rh2_addr) {
		/* ip6_xmit() puts the final destination (fl6.daddr) into the
		 * routing header and sends to the first hop, the care-of
		 * address: exactly the type 2 layout.
		 */
		txo.rt2.rt_hdr.hdrlen = 2;
		txo.rt2.rt_hdr.type = IPV6_SRCRT_TYPE_2;
		txo.rt2.rt_hdr.segments_left = 1;
		txo.rt2.addr = *daddr;
		txo.opt.opt_nflen = sizeof(txo.rt2);
		txo.opt.srcrt = &txo.rt2.rt_hdr;
	}
	if (hoa) {
		/* As a raw socket's IPV6_DSTOPTS: IPsec goes after it
		 * (ip6_find_1stfragopt() skips a header with this option).
		 */
		txo.hao.hdr.hdrlen = sizeof(txo.hao) / 8 - 1;
		txo.hao.padn[0] = IPV6_TLV_PADN;
		txo.hao.padn[1] = 2;
		txo.hao.hao.type = IPV6_TLV_HAO;
		txo.hao.hao.length = sizeof(txo.hao.hao.addr);
		txo.hao.hao.addr = *hoa;
		txo.opt.opt_flen = sizeof(txo.hao);
		txo.opt.dst1opt = &txo.hao.hdr;
	}

	final_p = fl6_update_dst(&fl6, &txo.opt, &final);
	if (hoa) {
		/* RFC 4877 section 4.1, RFC 5380 section 12.1: a mobile
		 * node's SAs and policies name its home address (the RCoA),
		 * the traffic selector IKE negotiates, while the packet leaves
		 * from the care-of address. xfrm sees the home address as
		 * source, routing the care-of address; a state or policy
		 * with a wildcard source matches either.
		 */
		struct flowi6 xfl;
		int err;

		dst = NULL;
		err = ip6_dst_lookup(hn->net, sk, &dst, &fl6);
		if (err)
			return err;
		if (final_p)
			fl6.daddr = *final_p;
		xfl = fl6;
		xfl.saddr = *hoa;
		dst = xfrm_lookup_route(hn->net, dst, flowi6_to_flowi(&xfl),
					sk, 0);
	} else {
		dst = ip6_dst_lookup_flow(hn->net, sk, &fl6, final_p);
	}
	if (IS_ERR(dst))
		return PTR_ERR(dst);

	skb = alloc_skb(MAX_HEADER + sizeof(struct ipv6hdr) + sizeof(txo) +
			len, GFP_ATOMIC);
	if (!skb) {
		dst_release(dst);
		return -ENOMEM;
	}
	skb_reserve(skb, MAX_HEADER + sizeof(struct ipv6hdr) + sizeof(txo));
	out = skb_put_data(skb, msg->data, len);
	skb_reset_transport_header(skb);
	/* RFC 6275 sections 6.1.1 and 6.3: the pseudo-header has the home
	 * address as source when a Home Address option is present, and
	 * the final destination.
	 */
	psrc = hoa ?: &fl6.saddr;
	memset(out + msg->csum_off, 0, sizeof(csum));
	csum = csum_ipv6_magic(psrc, &fl6.daddr, len, msg->proto,
			       csum_partial(out, len, 0));
	memcpy(out + msg->csum_off, &csum, sizeof(csum));
	skb_dst_set(skb, dst);

	return ip6_xmit(sk, skb, &fl6, sk->sk_mark,
			rh2_addr || hoa ? &txo.opt : NULL, 0, sk->sk_priority);
}

static int hmip_mh_xmit(struct hmip_net *hn, const struct in6_addr *saddr,
			const struct in6_addr *daddr,
			const struct in6_addr *rh2_addr,
			const struct in6_addr *hoa, int oif,
			const struct ip6_mh *mh)
{
	const struct hmip_mh_msg msg = {
		.proto = IPPROTO_MH,
		.type = mh->ip6mh_type,
		.data = mh,
		.len = hmip_mh_len(mh),
		.csum_off = offsetof(struct ip6_mh, ip6mh_cksum),
	};

	return hmip_mh_xmit_msg(hn, saddr, daddr, rh2_addr, hoa, oif, &msg);
}

/**
 * hmip_mh_send - send one Mobility Header message
 * @hn: hmip state of the netns to send in
 * @saddr: source address, one of this node's
 * @daddr: destination address on the wire
 * @rh2_addr: if not NULL, the home address to carry in a type 2 routing
 *	header; it is then the final destination, the one the checksum
 *	pseudo-header and IPsec policies see (RFC 6275 sections 6.1.1, 6.4)
 * @oif: output interface index, or 0 to let routing choose
 * @mh: the message; Header Len must be set, the checksum is filled in on a
 *	copy
 *
 * The route lookup goes through xfrm with the flow {@saddr -> final
 * destination, proto 135, MH type}, so an IPsec policy that covers the
 * message applies as it would to a raw socket's (RFC 4140 section 12.1:
 * the Binding Acknowledgment goes back protected).
 *
 * Context: any; allocates with GFP_ATOMIC.
 * Return: 0 or a negative errno; the caller counts failures.
 */
int hmip_mh_send(struct hmip_net *hn, const struct in6_addr *saddr,
		 const struct in6_addr *daddr, const struct in6_addr *rh2_addr,
		 int oif, const struct ip6_mh *mh)
{
	return hmip_mh_xmit(hn, saddr, daddr, rh2_addr, NULL, oif, mh);
}

/**
 * hmip_mh_send_hao - send a mobile node's message with a Home Address option
 * @hn: hmip state of the netns to send in
 * @coa: source address, the care-of address (for a local Binding Update,
 *	the LCoA)
 * @daddr: destination address
 * @hoa: the home address (the RCoA) for the option
 * @oif: output interface index, or 0
 * @mh: the message, as for hmip_mh_send()
 *
 * Routing sees {@coa -> @daddr}; IPsec sees {@hoa -> @daddr, proto 135,
 * MH type}: the SAs an IKE daemon negotiates for the home address (RFC
 * 4877, security.rst) protect it, and so do states and policies with a
 * wildcard source. The checksum has @hoa as source too.
 *
 * Context: any; allocates with GFP_ATOMIC.
 * Return: 0 or a negative errno.
 */
int hmip_mh_send_hao(struct hmip_net *hn, const struct in6_addr *coa,
		     const struct in6_addr *daddr, const struct in6_addr *hoa,
		     int oif, const struct ip6_mh *mh)
{
	return hmip_mh_xmit(hn, coa, daddr, NULL, hoa, oif, mh);
}

/**
 * hmip_mh_send_icmp_hao - send a mobile node's ICMPv6 message with a Home
 *	Address option
 * @hn: hmip state of the netns to send in
 * @coa: source address, the care-of address
 * @daddr: destination address
 * @hoa: the home address for the option
 * @oif: output interface index, or 0
 * @icmph: the message, ICMPv6 header first
 * @len: its octets
 *
 * As hmip_mh_send_hao(): routing sees {@coa -> @daddr}, IPsec and the
 * checksum the home address (RFC 6275 sections 6.3 and 11.4.2: a Mobile
 * Prefix Solicitation).
 *
 * Context: any; allocates with GFP_ATOMIC.
 * Return: 0 or a negative errno.
 */
int hmip_mh_send_icmp_hao(struct hmip_net *hn, const struct in6_addr *coa,
			  const struct in6_addr *daddr,
			  const struct in6_addr *hoa, int oif,
			  const struct icmp6hdr *icmph, unsigned int len)
{
	const struct hmip_mh_msg msg = {
		.proto = IPPROTO_ICMPV6,
		.type = icmph->icmp6_type,
		.data = icmph,
		.len = len,
		.csum_off = offsetof(struct icmp6hdr, icmp6_cksum),
	};

	return hmip_mh_xmit_msg(hn, coa, daddr, NULL, hoa, oif, &msg);
}

/**
 * hmip_mh_send_be - answer a received packet with a Binding Error
 * @hn: hmip state of the receiving netns
 * @skb: the received packet; IPv6 header and IP6CB intact
 * @status: Binding Error status
 *
 * RFC 6275 section 9.3.3: the Binding Error goes to the packet's source as
 * if it had carried no Home Address option, that is to the care-of
 * address, and names the home address when there was one. Rate limited per
 * destination.
 */
void hmip_mh_send_be(struct hmip_net *hn, struct sk_buff *skb, u8 status)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	const struct inet6_skb_parm *parm = IP6CB(skb);
	const struct in6_addr *dst = &ip6h->saddr;
	struct hmip_mh_be be = {};

	int oif = 0;
	int off;

	if (parm->dsthao) {
		/* The kernel swapped the option with the source address:
		 * the option now holds the care-of address.
		 */
		off = ipv6_find_tlv(skb, parm->dsthao, IPV6_TLV_HAO);
		if (off >= 0) {
			const struct ipv6_destopt_hao *hao;

			hao = (const struct ipv6_destopt_hao *)
				(skb_network_header(skb) + off);
			dst = &hao->addr;
			be.hoa = ip6h->saddr;
		}
	}

	if (!(ipv6_addr_type(dst) & IPV6_ADDR_UNICAST) ||
	    !(ipv6_addr_type(&ip6h->daddr) & IPV6_ADDR_UNICAST)) {
		HMIP_INC_STATS(hn, MH_TX_NOT_UNICAST);
		return;
	}
	if (!hmip_ratelimit_allow(&hn->err_rl, dst)) {
		HMIP_INC_STATS(hn, MH_TX_RATELIMITED);
		return;
	}

	be.hdr.ip6mh_proto = IPPROTO_NONE;
	be.hdr.ip6mh_hdrlen = sizeof(be) / 8 - 1;
	be.hdr.ip6mh_type = IP6_MH_TYPE_BERROR;
	be.status = status;

	if (ipv6_addr_type(dst) & IPV6_ADDR_LINKLOCAL)
		oif = skb->skb_iif;
	if (hmip_mh_send(hn, &ip6h->daddr, dst, NULL, oif, &be.hdr))
		HMIP_INC_STATS(hn, MH_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MH_TX_BE);
}
