// SPDX-License-Identifier: GPL-2.0
/*
 * The new access router's side of a fast handover with the MAP as its
 * anchor (RFC 4140 Appendix A, figure A.2; RFC 5568 section 6.2.1): the
 * MAP sends a Handover Initiate for a mobile node about to arrive; the
 * access router checks the mobile node's prospective new care-of address
 * (NCoA) and answers with a Handover Acknowledge, and with the U flag
 * holds the packets for the NCoA until the node arrives (buffer.c).
 *
 * Which access router: a MAP option configured on an interface ("hmip ar
 * add dev IFACE map ADDRESS") names the MAP its mobile nodes register
 * with, and so the one sender whose Handover Initiates this router takes.
 * Of the options naming the sender, the one whose interface is on-link
 * for the NCoA answers; when none is, the first answers code 1 (NCoA not
 * valid).
 *
 * Assigned addressing (the S flag) is not done: the router never picks an
 * address. It checks the NCoA the node formed as without the flag, and
 * with S an accepting answer carries that NCoA back in a New Care-of
 * Address option, which section 6.2.1.2 requires with S.
 */

#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/neighbour.h>

#include "ar/ar.h"
#include "ar/nl.h"
#include "core/addr.h"
#include "core/netns.h"
#include "core/ratelimit.h"
#include "mh/mh.h"
#include "mh/xfrm.h"

/**
 * struct hmip_ar_hack_msg - a Handover Acknowledge, with room for the New
 *	Care-of Address option
 * @h: the fixed part
 * @pad: PadN, to put the option at 8n+4 (or to end the message at 16)
 * @ncoa: the option
 */
struct hmip_ar_hack_msg {
	struct hmip_mh_hack h;
	u8 pad[2];
	struct hmip_mh_opt_ipaddr ncoa;
} __packed;

/* What the Handover Initiate said, and who answers it. */
struct hmip_ar_hi {
	struct in6_addr map;
	struct in6_addr ar;
	struct in6_addr ncoa;
	__be16 seq;
	u8 flags;
	u8 code;
	const u8 *lla;
	unsigned int lla_len;
};

/* Of the options of @hi's MAP, the one whose interface is on-link for
 * the NCoA (*@onlink), else the first; its interface in *@dev. Under RCU.
 */
static struct hmip_ar_opt *hmip_ar_hi_opt(struct hmip_net *hn,
					  const struct hmip_ar_hi *hi,
					  struct net_device **dev,
					  bool *onlink)
{
	struct hmip_ar_opt *opt, *first = NULL;
	struct net_device *d, *first_dev = NULL;

	*onlink = false;
	list_for_each_entry_rcu(opt, &hn->ar->opts, list) {
		if (!ipv6_addr_equal(&opt->info.addr, &hi->map))
			continue;
		d = dev_get_by_index_rcu(hn->net, opt->ifindex);
		if (!d)
			continue;
		if (ipv6_chk_prefix(&hi->ncoa, d)) {
			*onlink = true;
			*dev = d;
			return opt;
		}
		if (!first) {
			first = opt;
			first_dev = d;
		}
	}
	*dev = first_dev;
	return first;
}

/* Whether another node uses @ncoa on @dev: a neighbour entry in a valid
 * state with another link-layer address than the mobile node's.
 */
static bool hmip_ar_hi_in_use(struct net_device *dev,
			      const struct in6_addr *ncoa, const u8 *lla)
{
	char ha[MAX_ADDR_LEN];
	struct neighbour *n;
	bool used = false;

	n = neigh_lookup(&nd_tbl, ncoa, dev);
	if (!n)
		return false;
	if (READ_ONCE(n->nud_state) & NUD_VALID) {
		neigh_ha_snapshot(ha, n, dev);
		used = memcmp(ha, lla, dev->addr_len);
	}
	neigh_release(n);
	return used;
}

/* Section 6.2.1.2: code 0 when the NCoA is good for @dev's link, else 1.
 * Good: global, in a prefix of the interface, no address of this node,
 * and no other node's.
 */
static u8 hmip_ar_hi_check(struct hmip_net *hn, const struct hmip_ar_hi *hi,
			   struct net_device *dev, bool onlink)
{
	if (!onlink || !hmip_addr_global(&hi->ncoa) ||
	    ipv6_chk_addr(hn->net, &hi->ncoa, NULL, 0) ||
	    hmip_ar_hi_in_use(dev, &hi->ncoa, hi->lla))
		return HMIP_HACK_CODE_NCOA_INVALID;
	return HMIP_HACK_CODE_NCOA_VALID;
}

/* From the Handover Initiate's destination to its source, the sequence
 * number copied (section 6.2.1.2), rate limited as every answer.
 */
static void hmip_ar_hack_send(struct hmip_net *hn, const struct hmip_ar_hi *hi,
			      u8 code)
{
	struct hmip_ar_hack_msg m = {
		.h.hdr.ip6mh_proto = IPPROTO_NONE,
		.h.hdr.ip6mh_type = HMIP_MH_TYPE_HACK,
		.h.seq = hi->seq,
		.h.code = code,
		.pad = { HMIP_MH_OPT_PADN, 0 },
	};
	unsigned int len = sizeof(m.h) + sizeof(m.pad);

	BUILD_BUG_ON(sizeof(m) % 8);
	BUILD_BUG_ON(offsetof(struct hmip_ar_hack_msg, ncoa) % 8 != 4);

	if (!hmip_ratelimit_allow(&hn->err_rl, &hi->map)) {
		HMIP_INC_STATS(hn, MH_TX_RATELIMITED);
		HMIP_INC_STATS(hn, AR_HACK_TX_RATELIMITED);
		return;
	}
	if (hi->flags & HMIP_HI_FLAG_S && code == HMIP_HACK_CODE_NCOA_VALID) {
		m.ncoa.type = HMIP_MH_OPT_IPADDR;
		m.ncoa.len = sizeof(m.ncoa) - 2;
		m.ncoa.code = HMIP_MH_IPADDR_CODE_NCOA;
		m.ncoa.plen = 128;
		m.ncoa.addr = hi->ncoa;
		len = sizeof(m);
	} else {
		/* PadN of 4 ends the message at 16 octets. */
		m.pad[1] = 4;
		len += 4;
	}
	m.h.hdr.ip6mh_hdrlen = len / 8 - 1;
	if (hmip_mh_send(hn, &hi->ar, &hi->map, NULL, 0, &m.h.hdr)) {
		HMIP_INC_STATS(hn, MH_TX_ERROR);
		HMIP_INC_STATS(hn, AR_HACK_TX_ERROR);
		return;
	}
	HMIP_INC_STATS(hn, MH_TX_HACK);
	if (code == HMIP_HACK_CODE_NCOA_VALID)
		HMIP_INC_STATS(hn, AR_HACK_TX_VALID);
	else if (code == HMIP_HACK_CODE_NCOA_INVALID)
		HMIP_INC_STATS(hn, AR_HACK_TX_INVALID);
	else
		HMIP_INC_STATS(hn, AR_HACK_TX_NO_RESOURCES);
}

/* Read @skb's Handover Initiate into @hi; false (counted) when it cannot
 * be answered: malformed options or a Code other than 0 and 1, no NCoA,
 * no link-layer address of the mobile node.
 */
static bool hmip_ar_hi_parse(struct hmip_net *hn, struct sk_buff *skb,
			     struct hmip_ar_hi *hi)
{
	const struct hmip_mh_hi *m = (const void *)skb_transport_header(skb);
	unsigned int len = hmip_mh_len(&m->hdr);
	struct hmip_mh_opts opts;

	if (m->code > HMIP_HI_CODE_OTHER ||
	    !hmip_mh_rcv_options(HMIP_MH_TYPE_HI, (const u8 *)(m + 1),
				 len - sizeof(*m), &opts)) {
		HMIP_INC_STATS(hn, AR_HI_DROP_MALFORMED);
		return false;
	}
	if (!opts.ncoa) {
		HMIP_INC_STATS(hn, AR_HI_DROP_NO_NCOA);
		return false;
	}
	/* Section 6.2.1.1: it MUST be there, to recognise the node. */
	if (!opts.lla || !opts.lla_len || opts.lla_len > HMIP_FMIP_LLA_MAX) {
		HMIP_INC_STATS(hn, AR_HI_DROP_NO_LLA);
		return false;
	}
	hi->map = ipv6_hdr(skb)->saddr;
	hi->ar = ipv6_hdr(skb)->daddr;
	memcpy(&hi->ncoa, opts.ncoa, sizeof(hi->ncoa));
	hi->seq = m->seq;
	hi->flags = m->flags;
	hi->code = m->code;
	hi->lla = opts.lla;
	hi->lla_len = opts.lla_len;
	return true;
}

/**
 * hmip_ar_hi_rcv - a Handover Initiate, from main.c's Mobility Header
 *	table
 * @hn: hmip state of the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified
 *
 * Every one ends in one counter: a drop (ar_hi_drop_*) or an answer
 * (ar_hack_tx_*).
 *
 * Context: softirq, RCU read side.
 */
void hmip_ar_hi_rcv(struct hmip_net *hn, struct sk_buff *skb)
{
	struct hmip_sa_id sa = {};
	struct hmip_ar_opt *opt;
	struct net_device *dev;
	struct hmip_ar_hi hi;
	bool onlink, buffer = false;
	u8 code;

	HMIP_INC_STATS(hn, AR_HI_RX);
	if (!hmip_ar_hi_parse(hn, skb, &hi))
		return;
	/* Only the MAP of an option of this router's starts a handover. */
	opt = hmip_ar_hi_opt(hn, &hi, &dev, &onlink);
	if (!opt) {
		HMIP_INC_STATS(hn, AR_HI_DROP_NOT_MAP);
		return;
	}
	/* RFC 5568 section 10: the MAP and the router share an SA. */
	if (READ_ONCE(opt->hi.require_ipsec) &&
	    !hmip_mh_xfrm_protected(skb, &sa)) {
		HMIP_INC_STATS(hn, AR_HI_DROP_NO_IPSEC);
		return;
	}
	code = hmip_ar_hi_check(hn, &hi, dev, onlink);
	/* The U flag goes with Code 0 (section 6.2.1.1): with Code 1 the
	 * node sent its FBU from the new link, it is here already.
	 */
	if (code == HMIP_HACK_CODE_NCOA_VALID && hi.flags & HMIP_HI_FLAG_U &&
	    hi.code == HMIP_HI_CODE_PCOA) {
		if (hmip_ar_buffer_add(hn, opt, dev->ifindex, &hi.ncoa, hi.lla,
				       hi.lla_len))
			code = HMIP_HACK_CODE_NO_RESOURCES;
		else
			buffer = true;
	}
	hmip_ar_hack_send(hn, &hi, code);
	hmip_ar_nl_hi_event(hn, opt->ifindex, &hi.map, &hi.ncoa, code, buffer);
}
