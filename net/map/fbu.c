// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP as the anchor of a fast handover (RFC 4140 Appendix A, figure
 * A.2): it takes the Fast Binding Update (RFC 5568 section 6.3.1) that
 * the mobile node sends from its previous LCoA for its RCoA, with the new
 * LCoA (NCoA) in an Alternate Care-of Address option. It checks it as a
 * Binding Update for an existing binding (sequence, security association,
 * the sender is the bound LCoA), moves the binding to the NCoA, bicasts to
 * the previous LCoA for the MAP's bicast time, and acknowledges on both
 * addresses (section 6.3.2): the node may already have left.
 *
 * Not here yet: Handover Initiate / Acknowledge with the new access
 * router, buffering, the reactive mode (FBU from the NCoA), the mobile
 * node's sending of the FBU (Documentation/map.rst).
 */

#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/addr.h"
#include "core/netns.h"
#include "map/map.h"
#include "mh/mh.h"
#include "mh/xfrm.h"

/* A Fast Binding Acknowledgment: the layout of a Binding Ack (RFC 5568
 * 6.3.2), padded to 16 octets.
 */
struct hmip_map_fback {
	struct hmip_mh_ba ba;
	__u8		pad_type;
	__u8		pad_len;
	__be16		pad;
} __packed;

/* What the FBU asked and where it came from. */
struct hmip_map_fbu {
	struct in6_addr rcoa;
	struct in6_addr pcoa;
	struct in6_addr ncoa;
	struct in6_addr dst;
	u16 seq;
	u16 flags;
	u16 units;
};

static void hmip_map_fback_send(struct hmip_net *hn,
				const struct hmip_map_fbu *f,
				const struct in6_addr *to, u8 status, u16 seq,
				u16 units)
{
	struct hmip_map_fback fb = {
		.ba.hdr.ip6mh_proto = IPPROTO_NONE,
		.ba.hdr.ip6mh_hdrlen = sizeof(fb) / 8 - 1,
		.ba.hdr.ip6mh_type = HMIP_MH_TYPE_FBACK,
		.ba.status = status,
		.ba.seq = htons(seq),
		.ba.lifetime = htons(units),
		.pad_type = HMIP_MH_OPT_PADN,
		.pad_len = 2,
	};

	BUILD_BUG_ON(sizeof(fb) % 8);

	if (!hmip_ratelimit_allow(&hn->err_rl, to)) {
		HMIP_INC_STATS(hn, MH_TX_RATELIMITED);
		return;
	}
	/* Like a Binding Ack: to the LCoA, the RCoA in a type 2 routing
	 * header (RFC 4140 section 6.2).
	 */
	if (hmip_mh_send(hn, &f->dst, to, &f->rcoa, 0, &fb.ba.hdr))
		HMIP_INC_STATS(hn, MH_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MH_TX_FBACK);
}

/* An acceptable NCoA: global unicast, and no RCoA of this node's MAPs. */
static bool hmip_map_fbu_ncoa_ok(struct hmip_net *hn,
				 const struct in6_addr *ncoa)
{
	return hmip_addr_global(ncoa) && !hmip_map_lookup_prefix(hn, ncoa);
}

/* Check @f against its binding and apply it: the status to answer, with
 * *@seq and *@units what the answer carries.
 */
static u8 hmip_map_fbu_bind(struct hmip_net *hn, struct hmip_map *map,
			    const struct hmip_anchor_params *p,
			    const struct hmip_map_fbu *f,
			    const struct hmip_sa_id *sa, u16 *seq, u16 *units)
{
	struct hmip_anchor_net *an = &hn->map->anchors;
	struct hmip_bcache *bc = &an->bcache;
	u8 status = HMIP_FBACK_STATUS_PROHIBITED;
	struct hmip_binding *b;
	u16 delta;

	*seq = f->seq;
	*units = 0;
	spin_lock_bh(&bc->lock);
	b = hmip_anchor_bcache_lookup(bc, &f->rcoa);
	/* A fast handover moves a registration; it makes none. */
	if (!b || b->owner != &map->anchor || b->state != HMIP_BINDING_VALID) {
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_NO_BINDING);
		goto out;
	}
	/* RFC 4140 12.1, as for a Binding Update (anchor/bu.c). */
	if (p->require_ipsec && b->sa.proto &&
	    !hmip_sa_id_same_sa(&b->sa, sa) &&
	    !hmip_sa_id_successor(&b->sa, sa)) {
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_SA_MISMATCH);
		goto out;
	}
	/* RFC 5568 6.3.1: sent from the PCoA, the address bound now. */
	if (!ipv6_addr_equal(&b->lcoa, &f->pcoa)) {
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_WRONG_LCOA);
		goto out;
	}
	/* RFC 6275 9.5.1: greater modulo 2^16. */
	delta = f->seq - b->seq;
	if (!delta || delta > 0x8000) {
		*seq = b->seq;
		status = HMIP_FBACK_STATUS_UNSPECIFIED;
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_SEQ);
		goto out;
	}
	if (ipv6_addr_equal(&f->ncoa, &f->pcoa) ||
	    !hmip_map_fbu_ncoa_ok(hn, &f->ncoa) ||
	    (p->n_onlink &&
	     !hmip_anchor_prefix_match(p->onlink, p->n_onlink, &f->ncoa) &&
	     !hmip_anchor_prefix_match(p->forward, p->n_forward, &f->ncoa))) {
		status = HMIP_FBACK_STATUS_NCOA_INVALID;
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_NCOA);
		goto out;
	}
	hmip_anchor_bcache_fast(bc, b, &f->ncoa, f->seq, f->flags,
				msecs_to_jiffies(p->bicast_ms));
	/* What is left of the binding's lifetime, in units of 4 seconds. */
	*units = min_t(unsigned long, 0xffff,
		       time_after(b->expires, jiffies) ?
		       (b->expires - jiffies) / HZ / 4 : 0);
	an->ops->event(an, b, HMIP_EVENT_BINDING_FAST);
	HMIP_INC_STATS(hn, MAP_FBU_ACCEPTED);
	status = HMIP_FBACK_STATUS_ACCEPTED;
out:
	spin_unlock_bh(&bc->lock);
	return status;
}

/**
 * hmip_map_rcv_fbu - a Fast Binding Update, from main.c's Mobility Header
 *	table
 * @hn: hmip state of the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified
 *
 * Context: softirq, RCU read side.
 */
void hmip_map_rcv_fbu(struct hmip_net *hn, struct sk_buff *skb)
{
	const struct hmip_mh_bu *mbu = (const void *)skb_transport_header(skb);
	const struct inet6_skb_parm *parm = IP6CB(skb);
	unsigned int len = hmip_mh_len(&mbu->hdr);
	const struct hmip_anchor_params *p;
	const struct ipv6_destopt_hao *hao;
	struct hmip_sa_id sa = {};
	struct hmip_mh_opts opts;
	struct hmip_map_fbu f;
	struct hmip_map *map;
	u16 seq, units;
	u8 status;
	int off;

	f.rcoa = ipv6_hdr(skb)->saddr;
	f.dst = ipv6_hdr(skb)->daddr;
	f.seq = ntohs(mbu->seq);
	f.flags = ntohs(mbu->flags);

	/* The NCoA is what the update is about (RFC 5568 6.3.1). */
	if (!hmip_mh_rcv_options(HMIP_MH_TYPE_FBU, (const u8 *)(mbu + 1),
				 len - sizeof(*mbu), &opts) || !opts.altcoa) {
		HMIP_INC_STATS(hn, MAP_FBU_DROP_BAD_OPTION);
		return;
	}
	memcpy(&f.ncoa, opts.altcoa, sizeof(f.ncoa));
	/* The RCoA in a Home Address option, from the PCoA, as a local
	 * Binding Update (RFC 4140 6.1, Appendix A).
	 */
	off = parm->dsthao ? ipv6_find_tlv(skb, parm->dsthao, IPV6_TLV_HAO) : -1;
	if (off < 0) {
		HMIP_INC_STATS(hn, MAP_FBU_DROP_NO_HAO);
		return;
	}
	hao = (const struct ipv6_destopt_hao *)(skb_network_header(skb) + off);
	f.pcoa = hao->addr;

	map = hmip_map_lookup(hn, &f.dst);
	if (!map || !hmip_anchor_in_prefix(&map->anchor, &f.rcoa)) {
		HMIP_INC_STATS(hn, MAP_FBU_DROP_NOT_MAP);
		return;
	}
	p = rcu_dereference(map->anchor.params);
	/* Nothing is told to an unauthenticated sender (RFC 4140 12.1). */
	if (p->require_ipsec && !hmip_mh_xfrm_protected(skb, &sa)) {
		HMIP_INC_STATS(hn, MAP_FBU_DROP_NO_IPSEC);
		return;
	}

	status = hmip_map_fbu_bind(hn, map, p, &f, &sa, &seq, &units);
	/* RFC 5568 6.3.2: the FBack goes to the PCoA and, accepted, to the
	 * NCoA too, where the node may already be.
	 */
	hmip_map_fback_send(hn, &f, &f.pcoa, status, seq, units);
	if (status == HMIP_FBACK_STATUS_ACCEPTED)
		hmip_map_fback_send(hn, &f, &f.ncoa, status, seq, units);
}
