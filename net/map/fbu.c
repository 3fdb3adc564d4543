// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP as the anchor of a fast handover (RFC 4140 Appendix A, figure
 * A.2): it takes the Fast Binding Update (RFC 5568 section 6.2.2) that
 * the mobile node sends for its RCoA, with the new LCoA (NCoA) in an
 * Alternate Care-of Address option. It checks it as a Binding Update for
 * an existing binding (sequence, security association, the sender is the
 * bound LCoA), moves the binding to the NCoA, bicasts to the previous
 * LCoA for the MAP's bicast time, and acknowledges on both addresses
 * (section 6.2.3): the node may already have left.
 *
 * When the NCoA lies in the prefix of one of the MAP's access routers,
 * the move waits for that router's Handover Acknowledge (map/hi.c,
 * section 6.2.1): hmip_map_fbu_confirmed() applies it or refuses.
 *
 * An FBU sent from the NCoA itself (reactive mode, section 3.3: the node
 * moved before it could send one) moves the binding at once, without
 * bicasting, and is acknowledged on the NCoA only.
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
#include "core/trace.h"
#include "map/map.h"
#include "mh/mh.h"
#include "mh/xfrm.h"

/* hmip_map_fbu_bind()'s answer for an FBU held for a Handover Ack. */
#define HMIP_MAP_FBU_HELD	(-EINPROGRESS)
/* RFC 5568 6.2.3: Insufficient resources. */
#define HMIP_MAP_FBACK_STATUS_NO_RESOURCES	130

/* A Fast Binding Acknowledgment: the layout of a Binding Ack (RFC 5568
 * 6.2.3), padded to 16 octets.
 */
struct hmip_map_fback {
	struct hmip_mh_ba ba;
	__u8		pad_type;
	__u8		pad_len;
	__be16		pad;
} __packed;

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

/* The FBU's outcome, which the caller counted in @mib: traced, and
 * answered with @status unless it is negative (dropped, or held). RFC
 * 5568 6.2.3: the FBack goes to the address the FBU came from and,
 * accepted, to the NCoA too, where the node may already be (the same
 * address in the reactive mode).
 */
static void hmip_map_fbu_answer(struct hmip_net *hn,
				const struct hmip_map_fbu *f, int status,
				u16 seq, u16 units, unsigned int mib)
{
	if (status == HMIP_FBACK_STATUS_ACCEPTED)
		trace_hmip_map_fbu_accepted(hn->net, &f->dst, &f->rcoa, &f->src,
					    &f->ncoa, f->seq, status,
					    hmip_stats_name(mib));
	else
		trace_hmip_map_fbu_refused(hn->net, &f->dst, &f->rcoa, &f->src,
					   &f->ncoa, f->seq, status,
					   hmip_stats_name(mib));
	if (status < 0)
		return;
	hmip_map_fback_send(hn, f, &f->src, status, seq, units);
	if (status == HMIP_FBACK_STATUS_ACCEPTED &&
	    !ipv6_addr_equal(&f->ncoa, &f->src))
		hmip_map_fback_send(hn, f, &f->ncoa, status, seq, units);
}

/* An acceptable NCoA: global unicast, and no RCoA of this node's MAPs. */
static bool hmip_map_fbu_ncoa_ok(struct hmip_net *hn,
				 const struct in6_addr *ncoa)
{
	return hmip_addr_global(ncoa) && !hmip_map_lookup_prefix(hn, ncoa);
}

/* Move @b to @f's NCoA. Under the cache's lock. */
static void hmip_map_fbu_move(struct hmip_net *hn,
			      const struct hmip_anchor_params *p,
			      const struct hmip_map_fbu *f,
			      struct hmip_binding *b, u16 *units)
{
	struct hmip_anchor_net *an = &hn->map->anchors;

	/* Reactive: the node left the PCoA already, no copy goes there. */
	hmip_anchor_bcache_fast(&an->bcache, b, &f->ncoa, f->seq, f->flags,
				f->reactive ? 0 : msecs_to_jiffies(p->bicast_ms));
	/* What is left of the binding's lifetime, in units of 4 seconds. */
	*units = min_t(unsigned long, 0xffff,
		       time_after(b->expires, jiffies) ?
		       (b->expires - jiffies) / HZ / 4 : 0);
	an->ops->event(an, b, HMIP_EVENT_BINDING_FAST);
	if (f->reactive)
		HMIP_INC_STATS(hn, MAP_FBU_REACTIVE);
}

/* Check @f against its binding and apply it, or hold it for the access
 * router of its NCoA unless @confirmed (that router acknowledged): the
 * status to answer or %HMIP_MAP_FBU_HELD, with *@seq and *@units what the
 * answer carries and *@mib the counter of the outcome.
 */
static int hmip_map_fbu_bind(struct hmip_net *hn, struct hmip_map *map,
			     const struct hmip_anchor_params *p,
			     struct hmip_map_fbu *f, bool confirmed,
			     u16 *seq, u16 *units, unsigned int *mib)
{
	struct hmip_anchor_net *an = &hn->map->anchors;
	struct hmip_bcache *bc = &an->bcache;
	int status = HMIP_FBACK_STATUS_PROHIBITED;
	const struct hmip_anchor_ar *ar;
	struct hmip_binding *b;
	u16 delta;

	*seq = f->seq;
	*units = 0;
	spin_lock_bh(&bc->lock);
	b = hmip_anchor_bcache_lookup(bc, &f->rcoa);
	/* A fast handover moves a registration; it makes none. */
	if (!b || b->owner != &map->anchor || b->state != HMIP_BINDING_VALID) {
		*mib = HMIP_MIB_MAP_FBU_REJECT_NO_BINDING;
		goto out;
	}
	/* RFC 4140 12.1, as for a Binding Update (anchor/bu.c). */
	if (p->require_ipsec && b->sa.proto &&
	    !hmip_sa_id_same_sa(&b->sa, &f->sa) &&
	    !hmip_sa_id_successor(&b->sa, &f->sa)) {
		*mib = HMIP_MIB_MAP_FBU_REJECT_SA_MISMATCH;
		goto out;
	}
	/* RFC 5568 6.2.2: sent from the PCoA, the address bound now, or
	 * from the NCoA after the move (reactive, section 3.3). A held one
	 * came from the PCoA.
	 */
	f->reactive = !confirmed && ipv6_addr_equal(&f->src, &f->ncoa) &&
		      !ipv6_addr_equal(&b->lcoa, &f->src);
	if (!f->reactive && !ipv6_addr_equal(&b->lcoa, &f->src)) {
		*mib = HMIP_MIB_MAP_FBU_REJECT_WRONG_LCOA;
		goto out;
	}
	/* RFC 6275 9.5.1: greater modulo 2^16. */
	delta = f->seq - b->seq;
	if (!delta || delta > 0x8000) {
		*seq = b->seq;
		status = HMIP_FBACK_STATUS_UNSPECIFIED;
		*mib = HMIP_MIB_MAP_FBU_REJECT_SEQ;
		goto out;
	}
	f->pcoa = b->lcoa;
	if (ipv6_addr_equal(&f->ncoa, &f->pcoa) ||
	    !hmip_map_fbu_ncoa_ok(hn, &f->ncoa) ||
	    (p->n_onlink &&
	     !hmip_anchor_prefix_match(p->onlink, p->n_onlink, &f->ncoa) &&
	     !hmip_anchor_prefix_match(p->forward, p->n_forward, &f->ncoa))) {
		status = HMIP_FBACK_STATUS_NCOA_INVALID;
		*mib = HMIP_MIB_MAP_FBU_REJECT_NCOA;
		goto out;
	}
	ar = confirmed ? NULL : hmip_map_hi_ar(p, &f->ncoa);
	/* RFC 5568 6.2.3 and section 10: not before the new access router
	 * confirmed the NCoA; in the reactive mode the node is there, and
	 * the router only hears of it.
	 */
	if (ar && !f->reactive) {
		if (hmip_map_hi_start(hn, f, ar, p->hi_timeout_ms)) {
			status = HMIP_MAP_FBACK_STATUS_NO_RESOURCES;
			*mib = HMIP_MIB_MAP_FBU_REJECT_RESOURCES;
		} else {
			status = HMIP_MAP_FBU_HELD;
			*mib = HMIP_MIB_MAP_FBU_HELD;
		}
		goto out;
	}
	hmip_map_fbu_move(hn, p, f, b, units);
	if (ar && hmip_map_hi_start(hn, f, ar, p->hi_timeout_ms))
		HMIP_INC_STATS(hn, MAP_FBU_REJECT_RESOURCES);
	*mib = HMIP_MIB_MAP_FBU_ACCEPTED;
	status = HMIP_FBACK_STATUS_ACCEPTED;
out:
	spin_unlock_bh(&bc->lock);
	return status;
}

/* Announce a held FBU that the access router refused or did not answer,
 * with its binding, if that is still there.
 */
static void hmip_map_fbu_event(struct hmip_net *hn,
			       const struct hmip_map_fbu *f, u32 event)
{
	struct hmip_anchor_net *an = &hn->map->anchors;
	struct hmip_binding *b;

	spin_lock_bh(&an->bcache.lock);
	b = hmip_anchor_bcache_lookup(&an->bcache, &f->rcoa);
	if (b && b->state == HMIP_BINDING_VALID)
		an->ops->event(an, b, event);
	spin_unlock_bh(&an->bcache.lock);
}

/**
 * hmip_map_fbu_confirmed - the access router's answer to a held FBU
 * @hn: hmip state of the netns
 * @f: the FBU, as hmip_map_hi_start() held it
 * @code: the Handover Acknowledge's code, or -ETIMEDOUT when none came
 *
 * Code 0 applies the FBU (checked again: the binding may have changed),
 * code 1 refuses it as an invalid NCoA, anything else, or no answer,
 * refuses it. A reactive FBU was applied already: nothing to do. The
 * caller counted the answer (map_hack_*, map_hi_timeout).
 *
 * Context: softirq (the Handover Acknowledge, the timer); RCU read side
 * or not.
 */
void hmip_map_fbu_confirmed(struct hmip_net *hn,
			    const struct hmip_map_fbu *f, int code)
{
	const struct hmip_anchor_params *p;
	struct hmip_map_fbu g = *f;
	unsigned int mib = 0;
	struct hmip_map *map;
	u16 seq = f->seq, units = 0;
	int status;

	if (f->reactive)
		return;
	switch (code) {
	case HMIP_HACK_CODE_NCOA_VALID:
		rcu_read_lock();
		map = hmip_map_lookup(hn, &g.dst);
		if (map) {
			p = rcu_dereference(map->anchor.params);
			status = hmip_map_fbu_bind(hn, map, p, &g, true, &seq,
						   &units, &mib);
		} else {
			status = HMIP_FBACK_STATUS_PROHIBITED;
			mib = HMIP_MIB_MAP_FBU_REJECT_NO_BINDING;
		}
		rcu_read_unlock();
		HMIP_INC_STATS_IDX(hn, mib);
		hmip_map_fbu_answer(hn, &g, status, seq, units, mib);
		return;
	case HMIP_HACK_CODE_NCOA_INVALID:
		/* The router would not have the NCoA: as the MAP's own
		 * check of it answers (hmip_map_fbu_bind()).
		 */
		status = HMIP_FBACK_STATUS_NCOA_INVALID;
		break;
	case HMIP_HACK_CODE_PROHIBITED:
	case HMIP_HACK_CODE_NO_RESOURCES:
		/* The same numbers in both messages (6.2.1.2, 6.2.3). */
		status = code;
		break;
	default:
		/* Refused, or accepted in a way the MAP did not ask for
		 * (an assigned address, the PCoA kept: it never sets S).
		 */
		status = HMIP_FBACK_STATUS_UNSPECIFIED;
	}
	hmip_map_fbu_answer(hn, &g, status, seq, 0,
			    code == -ETIMEDOUT ? HMIP_MIB_MAP_HI_TIMEOUT :
			    code == HMIP_HACK_CODE_NCOA_INVALID ?
			    HMIP_MIB_MAP_HACK_NCOA_INVALID :
			    HMIP_MIB_MAP_HACK_REFUSED);
	hmip_map_fbu_event(hn, &g, code == -ETIMEDOUT ?
			   HMIP_EVENT_BINDING_HI_TIMEOUT :
			   HMIP_EVENT_BINDING_HI_REFUSED);
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
	struct hmip_mh_opts opts;
	struct hmip_map_fbu f = {};
	unsigned int mib = 0;
	struct hmip_map *map;
	u16 seq, units;
	int status;
	int off;

	f.rcoa = ipv6_hdr(skb)->saddr;
	f.dst = ipv6_hdr(skb)->daddr;
	f.seq = ntohs(mbu->seq);
	f.flags = ntohs(mbu->flags);

	/* The NCoA is what the update is about (RFC 5568 6.2.2); the
	 * node's link-layer address goes on to the new router.
	 */
	if (!hmip_mh_rcv_options(HMIP_MH_TYPE_FBU, (const u8 *)(mbu + 1),
				 len - sizeof(*mbu), &opts) || !opts.altcoa ||
	    opts.lla_len > HMIP_MAP_LLA_MAX) {
		mib = HMIP_MIB_MAP_FBU_DROP_BAD_OPTION;
		goto drop;
	}
	memcpy(&f.ncoa, opts.altcoa, sizeof(f.ncoa));
	if (opts.lla) {
		memcpy(f.lla, opts.lla, opts.lla_len);
		f.lla_len = opts.lla_len;
	}
	/* The RCoA in a Home Address option, as a local Binding Update
	 * (RFC 4140 6.1, Appendix A).
	 */
	off = parm->dsthao ? ipv6_find_tlv(skb, parm->dsthao, IPV6_TLV_HAO) : -1;
	if (off < 0) {
		mib = HMIP_MIB_MAP_FBU_DROP_NO_HAO;
		goto drop;
	}
	hao = (const struct ipv6_destopt_hao *)(skb_network_header(skb) + off);
	f.src = hao->addr;

	map = hmip_map_lookup(hn, &f.dst);
	if (!map || !hmip_anchor_in_prefix(&map->anchor, &f.rcoa)) {
		mib = HMIP_MIB_MAP_FBU_DROP_NOT_MAP;
		goto drop;
	}
	p = rcu_dereference(map->anchor.params);
	/* Nothing is told to an unauthenticated sender (RFC 4140 12.1). */
	if (p->require_ipsec && !hmip_mh_xfrm_protected(skb, &f.sa)) {
		mib = HMIP_MIB_MAP_FBU_DROP_NO_IPSEC;
		goto drop;
	}

	status = hmip_map_fbu_bind(hn, map, p, &f, false, &seq, &units, &mib);
	HMIP_INC_STATS_IDX(hn, mib);
	hmip_map_fbu_answer(hn, &f, status, seq, units, mib);
	return;

drop:
	HMIP_INC_STATS_IDX(hn, mib);
	hmip_map_fbu_answer(hn, &f, -1, 0, 0, mib);
}
