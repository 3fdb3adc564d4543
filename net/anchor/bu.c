// SPDX-License-Identifier: GPL-2.0
/*
 * An anchor's Binding Update processing: RFC 6275 section 10.3's home
 * agent rules, which a MAP applies to the RCoA (RFC 4140 sections 4.1,
 * 6.2, 8 and 12.1). What differs between the roles comes from &struct
 * hmip_anchor_ops: the flag served, the prefixes, the counters, the
 * events. Documentation/map.rst names the status code of every rejection.
 */

#include <linux/ipv6.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/xfrm.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "anchor/bcache.h"
#include "core/addr.h"
#include "core/netns.h"
#include "core/trace.h"
#include "mh/mh.h"
#include "mh/xfrm.h"

/* Not a status on the wire: the answer waits for DAD (nd.c). */
#define HMIP_BA_STATUS_PENDING	255

/* A Binding Ack with a Binding Refresh Advice: 16 octets, no padding. */
struct hmip_anchor_ba {
	struct hmip_mh_ba ba;
	__u8		bra_type;
	__u8		bra_len;
	__be16		bra_refresh;
} __packed;

/* What the Binding Update asks for and where it came from. */
struct hmip_bu {
	struct in6_addr rcoa;
	struct in6_addr lcoa;
	struct in6_addr dst;
	u16 seq;
	u16 flags;
	u32 lifetime;	/* seconds requested */
	struct hmip_sa_id sa;	/* proto 0 with require-ipsec off */
	int mib;	/* the role's counter of the outcome, for the trace */
};

/* Counts the outcome of @bu, and remembers it for the tracepoint. */
static void hmip_anchor_bu_count(struct hmip_anchor_net *an,
				 struct hmip_bu *bu, enum hmip_anchor_mib field)
{
	bu->mib = an->ops->mib[field];
	hmip_anchor_inc_stats(an, field);
}

#define HMIP_ANCHOR_BU_COUNT(an, bu, field) \
	hmip_anchor_bu_count(an, bu, HMIP_ANCHOR_MIB_##field)

/* hmip:hmip_bu_accepted or hmip:hmip_bu_refused, with the counter that
 * counted it: @status is the Binding Ack's, or %HMIP_ANCHOR_BU_DROP.
 */
static void hmip_anchor_bu_trace(struct hmip_anchor_net *an,
				 const struct hmip_bu *bu, u8 status,
				 u32 granted)
{
	const char *reason = hmip_stats_name(bu->mib);

	if (status < HMIP_BA_STATUS_REJECTED)
		trace_hmip_bu_accepted(an->hn->net, an->ops->role, &bu->dst,
				       &bu->rcoa, &bu->lcoa, bu->seq,
				       bu->flags, bu->lifetime, granted,
				       status, reason);
	else
		trace_hmip_bu_refused(an->hn->net, an->ops->role, &bu->dst,
				      &bu->rcoa, &bu->lcoa, bu->seq, bu->flags,
				      bu->lifetime, 0,
				      status == HMIP_ANCHOR_BU_DROP ? -1 : status,
				      reason);
}

/* A usable LCoA: global unicast, and never an address the role binds
 * (RFC 4140 section 6.1: an RCoA must not be registered as another MAP's
 * CoA).
 */
static bool hmip_anchor_bu_lcoa_ok(struct hmip_anchor_net *an,
				   const struct in6_addr *lcoa)
{
	return hmip_addr_global(lcoa) && !an->ops->lookup_prefix(an, lcoa);
}

static void hmip_anchor_bu_send_ba(struct hmip_anchor_net *an,
				   const struct hmip_bu *bu, u8 status,
				   u16 seq, u32 lifetime)
{
	struct hmip_net *hn = an->hn;
	u16 units = lifetime / 4;
	struct hmip_anchor_ba ba = {
		.ba.hdr.ip6mh_proto = IPPROTO_NONE,
		.ba.hdr.ip6mh_hdrlen = sizeof(ba) / 8 - 1,
		.ba.hdr.ip6mh_type = IP6_MH_TYPE_BACK,
		.ba.status = status,
		.ba.seq = htons(seq),
		.ba.lifetime = htons(units),
	};

	BUILD_BUG_ON(sizeof(ba) % 8);

	/* Refresh a little before the end (RFC 6275 6.2.4: less than the
	 * lifetime); a rejection or deregistration has nothing to refresh
	 * and pads instead.
	 */
	if (status < HMIP_BA_STATUS_REJECTED && units) {
		ba.bra_type = HMIP_MH_OPT_BRA;
		ba.bra_len = 2;
		ba.bra_refresh = htons(units - max_t(u16, 1, units / 10));
	} else {
		ba.bra_type = HMIP_MH_OPT_PADN;
		ba.bra_len = 2;
	}

	if (!hmip_ratelimit_allow(&hn->err_rl, &bu->lcoa)) {
		HMIP_INC_STATS(hn, MH_TX_RATELIMITED);
		return;
	}
	/* From the anchor to the LCoA, through a type 2 routing header holding
	 * the RCoA (RFC 4140 section 6.2).
	 */
	if (hmip_mh_send(hn, &bu->dst, &bu->lcoa, &bu->rcoa, 0, &ba.ba.hdr))
		HMIP_INC_STATS(hn, MH_TX_ERROR);
	else
		HMIP_INC_STATS(hn, MH_TX_BA);
}

/* RFC 6275 10.3.2: a deregistered binding stays, invalid, for the role's
 * hold time, so that a Binding Update the mobile node sent before and
 * that arrives late is refused with 135 instead of binding the address
 * again; nothing intercepts or proxies for it meanwhile (they take valid
 * bindings only). Context: &hmip_bcache.lock held.
 */
static void hmip_anchor_bu_hold(struct hmip_anchor_net *an,
				struct hmip_binding *b, const struct hmip_bu *bu)
{
	b->seq = bu->seq;
	b->flags = bu->flags;
	b->lifetime = 0;
	WRITE_ONCE(b->state, HMIP_BINDING_DEREG);
	b->expires = jiffies + an->ops->dereg_hold * HZ;
	hmip_anchor_bcache_arm(&an->bcache, b);
	an->ops->event(an, b, HMIP_EVENT_BINDING_DELETED);
	HMIP_INC_STATS(an->hn, BINDING_DELETED);
}

/* Apply an acceptable Binding Update to the cache: the status to answer,
 * with *seq and *lifetime set to what the answer carries.
 */
static u8 hmip_anchor_bu_bind(struct hmip_anchor_net *an,
			      struct hmip_anchor *a,
			      const struct hmip_anchor_params *p,
			      struct hmip_bu *bu, u16 *seq, u32 *lifetime)
{
	struct hmip_bcache *bc = &an->bcache;
	u8 status = HMIP_BA_STATUS_ACCEPTED;
	unsigned long dad_time;
	struct hmip_binding *b;
	u32 granted;
	u16 delta;

	granted = min(bu->lifetime, p->max_lifetime) & ~3U;
	*seq = bu->seq;
	*lifetime = granted;

	spin_lock_bh(&bc->lock);
	if (a->dead) {
		status = HMIP_BA_STATUS_NOT_HA;
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_NOT_ANCHOR);
		goto out;
	}
	b = hmip_anchor_bcache_lookup(bc, &bu->rcoa);
	if (b) {
		/* RFC 4140 12.1: the RCoA stays with the security association
		 * that created its binding, however valid another one is,
		 * and with its successor: a rekey gives the SA a new SPI,
		 * not a new peer, selector or reqid. A binding made with
		 * require-ipsec off has none and goes to the first SA that
		 * updates it.
		 */
		if (p->require_ipsec && b->sa.proto &&
		    !hmip_sa_id_same_sa(&b->sa, &bu->sa) &&
		    !hmip_sa_id_successor(&b->sa, &bu->sa)) {
			status = HMIP_BA_STATUS_PROHIBITED;
			*lifetime = 0;
			HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_SA_MISMATCH);
			goto out;
		}
		/* RFC 6275 9.5.1: greater modulo 2^16. A jump of exactly
		 * half the space, which serial number arithmetic leaves
		 * undefined (RFC 1982), counts as greater.
		 */
		delta = bu->seq - b->seq;
		if (!delta || delta > 0x8000) {
			status = HMIP_BA_STATUS_SEQ_OUT_OF_WINDOW;
			*seq = b->seq;
			*lifetime = 0;
			HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_SEQ);
			goto out;
		}
		/* A newer update for a deregistered binding: nothing to
		 * deregister (10.3.2: 133), or a new registration.
		 */
		if (b->state == HMIP_BINDING_DEREG) {
			if (!granted) {
				status = HMIP_BA_STATUS_NOT_HA;
				HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_NOT_ANCHOR);
				goto out;
			}
			hmip_anchor_bcache_delete(bc, b,
						  HMIP_BINDING_GONE_DELETED);
			goto create;
		}
		/* Moving an existing binding: section 8 lets it follow the
		 * mobile node into a forward prefix.
		 */
		if (p->n_onlink && !ipv6_addr_equal(&b->lcoa, &bu->lcoa) &&
		    !hmip_anchor_prefix_match(p->onlink, p->n_onlink,
					      &bu->lcoa) &&
		    !hmip_anchor_prefix_match(p->forward, p->n_forward,
					      &bu->lcoa)) {
			status = HMIP_BA_STATUS_PROHIBITED;
			*lifetime = 0;
			HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_PROHIBITED);
			goto out;
		}
		if (!granted) {
			if (an->ops->dereg_hold && b->state == HMIP_BINDING_VALID)
				hmip_anchor_bu_hold(an, b, bu);
			else
				hmip_anchor_bcache_delete(bc, b,
							  HMIP_BINDING_GONE_DELETED);
			HMIP_ANCHOR_BU_COUNT(an, bu, BU_DEREGISTERED);
			goto out;
		}
		if (b->sa.proto && bu->sa.proto &&
		    !hmip_sa_id_same_sa(&b->sa, &bu->sa))
			HMIP_ANCHOR_INC_STATS(an, BU_SA_SUCCESSOR);
		hmip_anchor_bcache_set_sa(bc, b, &bu->sa);
		if (b->state == HMIP_BINDING_DAD) {
			/* A retransmission while DAD runs: DAD's end answers
			 * the newest one.
			 */
			hmip_anchor_bcache_update(bc, b, &bu->lcoa, bu->seq,
						  bu->flags, granted);
			status = HMIP_BA_STATUS_PENDING;
			goto out;
		}
		if (ipv6_addr_equal(&b->lcoa, &bu->lcoa)) {
			hmip_anchor_bcache_update(bc, b, &bu->lcoa, bu->seq,
						  bu->flags, granted);
			an->ops->event(an, b, HMIP_EVENT_BINDING_REFRESHED);
		} else {
			hmip_anchor_bcache_update(bc, b, &bu->lcoa, bu->seq,
						  bu->flags, granted);
			an->ops->event(an, b, HMIP_EVENT_BINDING_LCOA_CHANGED);
		}
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_ACCEPTED);
		goto out;
	}

create:
	/* RFC 6275 10.3.2: deregistering a binding the node does not hold. */
	if (!granted) {
		status = HMIP_BA_STATUS_NOT_HA;
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_NOT_ANCHOR);
		goto out;
	}
	if (p->n_onlink &&
	    !hmip_anchor_prefix_match(p->onlink, p->n_onlink, &bu->lcoa)) {
		status = HMIP_BA_STATUS_PROHIBITED;
		*lifetime = 0;
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_PROHIBITED);
		goto out;
	}
	if (atomic_inc_return(&a->nbindings) > p->max_bindings) {
		atomic_dec(&a->nbindings);
		status = HMIP_BA_STATUS_NO_RESOURCES;
		*lifetime = 0;
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_RESOURCES);
		goto out;
	}
	b = hmip_anchor_bcache_create(bc, a, &bu->rcoa, &bu->lcoa);
	if (!b) {
		atomic_dec(&a->nbindings);
		status = HMIP_BA_STATUS_NO_RESOURCES;
		*lifetime = 0;
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_RESOURCES);
		goto out;
	}
	hmip_anchor_bcache_set_sa(bc, b, &bu->sa);
	hmip_anchor_bcache_update(bc, b, &bu->lcoa, bu->seq, bu->flags,
				  granted);
	/* A routed anchor's addresses live on no link: nothing to detect;
	 * nor is there for one the anchor's IKE daemon allocated (RFC 5380
	 * Appendix A: the MAP knows it is unique).
	 */
	dad_time = p->mode == HMIP_MAP_MODE_PROXY_ND &&
		   !hmip_anchor_prefix_match(p->pool, p->n_pool, &bu->rcoa) ?
		   hmip_anchor_nd_dad_time(an, p->ifindex) : 0;
	if (dad_time) {
		hmip_anchor_nd_dad_start(an, b, dad_time);
		status = HMIP_BA_STATUS_PENDING;
		goto out;
	}
	hmip_anchor_nd_binding_up(an, b);
	an->ops->event(an, b, HMIP_EVENT_BINDING_CREATED);
	HMIP_INC_STATS(an->hn, BINDING_CREATED);
	HMIP_ANCHOR_BU_COUNT(an, bu, BU_ACCEPTED);
out:
	spin_unlock_bh(&bc->lock);
	return status;
}

/* The status of an acceptance: 0, or the role's (a home agent's 1,
 * prefix discovery necessary, RFC 6275 10.3.1). A deregistration is 0.
 */
static u8 hmip_anchor_bu_accepted(struct hmip_anchor_net *an,
				  struct hmip_anchor *a,
				  const struct hmip_bu *bu, u32 lifetime)
{
	if (!lifetime || !an->ops->accepted_status)
		return HMIP_BA_STATUS_ACCEPTED;
	return an->ops->accepted_status(a, &bu->rcoa, lifetime);
}

/* Checks that need no cache: the status to reject with, 0, or
 * %HMIP_ANCHOR_BU_DROP.
 */
static u8 hmip_anchor_bu_check(struct hmip_anchor_net *an,
			       struct hmip_anchor *a, struct hmip_bu *bu)
{
	if (bu->flags & an->ops->bu_refused) {
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_FLAG);
		return an->ops->bu_refused_status;
	}
	if (!(bu->flags & an->ops->bu_flag)) {
		if (an->ops->bu_unflagged)
			return an->ops->bu_unflagged(an, &bu->rcoa, &bu->mib);
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_NOT_ANCHOR);
		return HMIP_BA_STATUS_NOT_HA;
	}
	if (!hmip_anchor_binds(a, &bu->rcoa)) {
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_PREFIX);
		return HMIP_BA_STATUS_NOT_HOME_SUBNET;
	}
	/* An RCoA that is one of this node's own addresses is taken. */
	if (ipv6_chk_addr(an->hn->net, &bu->rcoa, NULL, 0)) {
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_DUPLICATE);
		return HMIP_BA_STATUS_DAD_FAILED;
	}
	/* RFC 6275 9.5.1: a care-of address equal to the home address
	 * deregisters, whatever the lifetime says.
	 */
	if (!bu->lifetime)
		return 0;
	if (!hmip_anchor_bu_lcoa_ok(an, &bu->lcoa)) {
		HMIP_ANCHOR_BU_COUNT(an, bu, BU_REJECT_PROHIBITED);
		return HMIP_BA_STATUS_PROHIBITED;
	}
	return 0;
}

/**
 * hmip_anchor_bu_rcv - process a validated Binding Update
 * @an: the anchors of the role that handles it, in the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified
 *
 * Context: softirq, RCU read side.
 */
void hmip_anchor_bu_rcv(struct hmip_anchor_net *an, struct sk_buff *skb)
{
	const struct hmip_mh_bu *mbu = (const void *)skb_transport_header(skb);
	const struct inet6_skb_parm *parm = IP6CB(skb);
	const struct hmip_anchor_params *p;
	const struct ipv6_destopt_hao *hao;
	unsigned int len = hmip_mh_len(&mbu->hdr);
	struct hmip_mh_opts opts;
	struct hmip_anchor *a;
	struct hmip_bu bu = { .mib = -1 };
	u8 status = HMIP_ANCHOR_BU_DROP;
	u32 lifetime = 0;
	u16 seq;
	int off;

	/* What the trace of a drop shows: the LCoA is :: until known. */
	bu.rcoa = ipv6_hdr(skb)->saddr;
	bu.dst = ipv6_hdr(skb)->daddr;
	bu.seq = ntohs(mbu->seq);
	bu.flags = ntohs(mbu->flags);
	bu.lifetime = ntohs(mbu->lifetime) * 4;
	seq = bu.seq;

	if (!hmip_mh_rcv_options(IP6_MH_TYPE_BU, (const u8 *)(mbu + 1),
				 len - sizeof(*mbu), &opts)) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_DROP_BAD_OPTION);
		goto out;
	}
	/* RFC 4140 6.1: the RCoA travels in a Home Address option, which
	 * the kernel already swapped with the source (the LCoA). Without
	 * one, at a home agent, the source is the home address and the
	 * care-of address alike (RFC 6275 9.5.1): a mobile node back home
	 * deregisters so (11.5.4).
	 */
	off = parm->dsthao ? ipv6_find_tlv(skb, parm->dsthao, IPV6_TLV_HAO) : -1;
	if (off < 0 && !an->ops->hao_optional) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_DROP_NO_HAO);
		goto out;
	}
	bu.lcoa = bu.rcoa;
	if (off >= 0) {
		hao = (const struct ipv6_destopt_hao *)
		      (skb_network_header(skb) + off);
		bu.lcoa = hao->addr;
	}

	a = an->ops->lookup(an, &bu.dst);
	if (!a) {
		/* RFC 6275 10.3.1: a home registration to a node that is
		 * no home agent gets 131 (a MAP refuses H).
		 */
		if (bu.flags & an->ops->bu_refused) {
			HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_FLAG);
			status = an->ops->bu_refused_status;
		} else {
			HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_NOT_ANCHOR);
			status = HMIP_BA_STATUS_NOT_HA;
		}
		goto answer;
	}
	p = rcu_dereference(a->params);
	/* Nothing is told to an unauthenticated sender (RFC 4140 12.1). */
	if (p->require_ipsec && !hmip_mh_xfrm_protected(skb, &bu.sa)) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_DROP_NO_IPSEC);
		goto out;
	}

	/* RFC 6275 6.2.5: the option, not the source, names the care-of
	 * address. The source is outside what ESP protects: under ESP only
	 * the option tells where the mobile node really is (RFC 4877 4.1);
	 * AH covers the source.
	 */
	if (opts.altcoa) {
		memcpy(&bu.lcoa, opts.altcoa, sizeof(bu.lcoa));
	} else if (bu.sa.proto == IPPROTO_ESP && p->require_altcoa) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_NO_ALTCOA);
		status = HMIP_BA_STATUS_PROHIBITED;
		goto answer;
	}

	/* RFC 5380 6.2, RFC 4877 9: an address IKEv2 allocates belongs to
	 * the peer it went to, and IKE narrows that peer's CHILD_SA to it:
	 * an SA whose selector covers more (another node's, a manual key)
	 * does not bind it.
	 */
	if (p->require_ipsec && !bu.sa.sel_host &&
	    hmip_anchor_prefix_match(p->pool, p->n_pool, &bu.rcoa)) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_NOT_ALLOCATED);
		status = HMIP_BA_STATUS_PROHIBITED;
		goto answer;
	}

	if (ipv6_addr_equal(&bu.lcoa, &bu.rcoa))
		bu.lifetime = 0;
	/* The role's own limit (a home agent: what is left of the home
	 * prefix's valid lifetime, RFC 6275 10.3.1); a prefix no longer
	 * valid holds no home address.
	 */
	if (bu.lifetime && an->ops->lifetime_cap) {
		u32 cap = an->ops->lifetime_cap(a, &bu.rcoa);

		if (cap < 4) {
			HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_PREFIX);
			status = HMIP_BA_STATUS_NOT_HOME_SUBNET;
			goto answer;
		}
		bu.lifetime = min(bu.lifetime, cap);
	}

	status = hmip_anchor_bu_check(an, a, &bu);
	if (!status)
		status = hmip_anchor_bu_bind(an, a, p, &bu, &seq, &lifetime);
	if (status == HMIP_BA_STATUS_ACCEPTED)
		status = hmip_anchor_bu_accepted(an, a, &bu, lifetime);

answer:
	/* DAD's end answers, and traces, a new binding's first update. */
	if (status == HMIP_BA_STATUS_PENDING)
		return;
	if (status == HMIP_ANCHOR_BU_DROP)
		goto out;
	if (status >= HMIP_BA_STATUS_REJECTED ||
	    (bu.flags & HMIP_BU_FLAG_A) || an->ops->ba_always)
		hmip_anchor_bu_send_ba(an, &bu, status, seq, lifetime);
out:
	hmip_anchor_bu_trace(an, &bu, status, lifetime);
}

/**
 * hmip_anchor_bu_dad_done - answer a first registration once DAD is over
 * @an: the anchors of the binding's role
 * @b: the binding, on the DAD list
 * @unique: true when nobody on the anchor's link claimed the address
 *
 * Context: &hmip_bcache.lock held, BHs off, RCU.
 */
void hmip_anchor_bu_dad_done(struct hmip_anchor_net *an,
			     struct hmip_binding *b, bool unique)
{
	struct hmip_bu bu = {
		.rcoa = b->rcoa,
		.lcoa = b->lcoa,
		.dst = hmip_anchor_of(b)->addr,
		.seq = b->seq,
		.flags = b->flags,
		.lifetime = b->lifetime,
	};
	u8 status;

	if (!unique) {
		HMIP_ANCHOR_BU_COUNT(an, &bu, BU_REJECT_DUPLICATE);
		hmip_anchor_bu_trace(an, &bu, HMIP_BA_STATUS_DAD_FAILED, 0);
		hmip_anchor_bcache_delete(&an->bcache, b,
					  HMIP_BINDING_GONE_DELETED);
		hmip_anchor_bu_send_ba(an, &bu, HMIP_BA_STATUS_DAD_FAILED,
				       bu.seq, 0);
		return;
	}

	WRITE_ONCE(b->state, HMIP_BINDING_VALID);
	b->expires = jiffies + b->lifetime * HZ;
	hmip_anchor_bcache_arm(&an->bcache, b);
	hmip_anchor_nd_binding_up(an, b);
	an->ops->event(an, b, HMIP_EVENT_BINDING_CREATED);
	HMIP_INC_STATS(an->hn, BINDING_CREATED);
	HMIP_ANCHOR_BU_COUNT(an, &bu, BU_ACCEPTED);
	status = hmip_anchor_bu_accepted(an, hmip_anchor_of(b), &bu,
					 b->lifetime);
	hmip_anchor_bu_trace(an, &bu, status, b->lifetime);
	if ((bu.flags & HMIP_BU_FLAG_A) || an->ops->ba_always)
		hmip_anchor_bu_send_ba(an, &bu, status, bu.seq, b->lifetime);
}
