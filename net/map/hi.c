// SPDX-License-Identifier: GPL-2.0
/*
 * The MAP asks the new access router (RFC 4140 Appendix A, figure A.2:
 * "the HI/HAck messages now occur between the MAP and NAR in order to
 * check the validity of the newly requested care-of address"). A Fast
 * Binding Update whose NCoA lies in the prefix of one of the MAP's
 * access routers is held here, one per binding, while the MAP sends that
 * router a Handover Initiate (RFC 5568 section 6.2.1.1) and retransmits
 * it after the MAP's hi-timeout (100 ms by default), doubling,
 * HI_RETRIES times; the Handover Acknowledge
 * with its sequence number, from that router (IPsec-protected unless the
 * MAP's require-ipsec is off), or the last timeout, ends it
 * (hmip_map_fbu_confirmed()).
 *
 * The held FBUs hang off two small hash tables of the MAP role (by RCoA,
 * by sequence number) under &hmip_map_net.hi_lock, which nests inside the
 * binding cache's lock: an FBU is held while its binding is looked at,
 * and a binding's every change but a fast move drops what it held
 * (hmip_map_hi_cancel(), from the MAP's binding events), so nothing held
 * outlives its binding, its MAP or the netns. One timer per netns sends
 * the retransmissions and ends what timed out.
 */

#include <linux/hash.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "core/netns.h"
#include "core/trace.h"
#include "map/map.h"
#include "mh/mh.h"
#include "mh/xfrm.h"

/* RFC 5568 section 9 and 6.2.1.1: retransmissions; the first timeout,
 * while the round trip time is not known, is the MAP's hi_timeout_ms.
 */
#define HMIP_MAP_HI_RETRIES	3
/* The longest HI: fixed part, LLA option, two IPv6 Address options and
 * their padding.
 */
#define HMIP_MAP_HI_MAX		104

/**
 * struct hmip_map_hi - a Fast Binding Update held for a Handover Ack
 * @by_rcoa: in &hmip_map_net.hi_rcoa
 * @by_seq: in &hmip_map_net.hi_seq
 * @f: the FBU
 * @ar: the access router asked
 * @seq: the Handover Initiate's sequence number
 * @flags: its flags (U)
 * @code: its code (0 from the PCoA, 1 otherwise)
 * @sent: HIs sent
 * @timeout_ms: the first retransmission timeout, doubled after each
 * @due: jiffies of the next retransmission, or of the timeout
 */
struct hmip_map_hi {
	struct hlist_node by_rcoa;
	struct hlist_node by_seq;
	struct hmip_map_fbu f;
	struct in6_addr ar;
	u16 seq;
	u8 flags;
	u8 code;
	u8 sent;
	u32 timeout_ms;
	unsigned long due;
};

static u32 hmip_map_hi_hash_rcoa(const struct in6_addr *rcoa)
{
	return hash_32(ipv6_addr_hash(rcoa), HMIP_MAP_HI_HASH_BITS);
}

static u32 hmip_map_hi_hash_seq(u16 seq)
{
	return seq & ((1 << HMIP_MAP_HI_HASH_BITS) - 1);
}

/* The access router whose prefix holds @ncoa, or NULL. Under RCU. */
const struct hmip_anchor_ar *
hmip_map_hi_ar(const struct hmip_anchor_params *p, const struct in6_addr *ncoa)
{
	unsigned int i;

	for (i = 0; i < p->n_ar; i++)
		if (ipv6_prefix_equal(&p->ar[i].prefix.addr, ncoa,
				      p->ar[i].prefix.len))
			return &p->ar[i];
	return NULL;
}

/* Pad @buf from @off so that the next option starts at 8n + @rem (RFC
 * 6275 6.2: Pad1 for one octet, PadN for more): the new offset.
 */
static unsigned int hmip_map_hi_pad(u8 *buf, unsigned int off,
				    unsigned int rem)
{
	unsigned int n = (rem - off) & 7;

	if (n == 1) {
		buf[off] = HMIP_MH_OPT_PAD1;
	} else if (n) {
		buf[off] = HMIP_MH_OPT_PADN;
		buf[off + 1] = n - 2;
	}
	return off + n;
}

static unsigned int hmip_map_hi_ipaddr(u8 *buf, unsigned int off, u8 code,
				       const struct in6_addr *addr)
{
	struct hmip_mh_opt_ipaddr *o = (void *)(buf + off);

	o->type = HMIP_MH_OPT_IPADDR;
	o->len = sizeof(*o) - 2;
	o->code = code;
	o->plen = 128;
	o->addr = *addr;
	return off + sizeof(*o);
}

/* Build and send @h's Handover Initiate (RFC 5568 6.2.1.1): the node's
 * Link-Layer Address when the FBU had one, the PCoA and the NCoA in IPv6
 * Address options at 8n+4 (6.4.2).
 */
static void hmip_map_hi_send(struct hmip_net *hn, struct hmip_map_hi *h)
{
	u8 buf[HMIP_MAP_HI_MAX] __aligned(8) = {};
	struct hmip_mh_hi *hi = (void *)buf;
	unsigned int off = sizeof(*hi);
	int err;

	BUILD_BUG_ON(sizeof(*hi) + 3 + HMIP_MAP_LLA_MAX + 7 +
		     2 * (sizeof(struct hmip_mh_opt_ipaddr) + 7) >
		     HMIP_MAP_HI_MAX);
	hi->hdr.ip6mh_proto = IPPROTO_NONE;
	hi->hdr.ip6mh_type = HMIP_MH_TYPE_HI;
	hi->seq = htons(h->seq);
	hi->flags = h->flags;
	hi->code = h->code;
	if (h->f.lla_len) {
		buf[off] = HMIP_MH_OPT_LLA;
		buf[off + 1] = 1 + h->f.lla_len;
		buf[off + 2] = HMIP_MH_LLA_CODE_MN;
		memcpy(buf + off + 3, h->f.lla, h->f.lla_len);
		off += 3 + h->f.lla_len;
	}
	off = hmip_map_hi_pad(buf, off, 4);
	off = hmip_map_hi_ipaddr(buf, off, HMIP_MH_IPADDR_CODE_PCOA,
				 &h->f.pcoa);
	off = hmip_map_hi_pad(buf, off, 4);
	off = hmip_map_hi_ipaddr(buf, off, HMIP_MH_IPADDR_CODE_NCOA,
				 &h->f.ncoa);
	off = hmip_map_hi_pad(buf, off, 0);
	hi->hdr.ip6mh_hdrlen = off / 8 - 1;

	err = hmip_mh_send(hn, &h->f.dst, &h->ar, NULL, 0, &hi->hdr);
	if (err)
		HMIP_INC_STATS(hn, MH_TX_ERROR);
	trace_hmip_map_hi_sent(hn->net, &h->f.dst, &h->ar, &h->f.rcoa,
			       &h->f.pcoa, &h->f.ncoa, h->seq, h->flags,
			       h->code, h->sent, err);
	h->sent++;
	h->due = jiffies +
		 msecs_to_jiffies(h->timeout_ms << (h->sent - 1));
}

/* Unhash @h. Under hi_lock. */
static void hmip_map_hi_unlink(struct hmip_map_net *mn, struct hmip_map_hi *h)
{
	hlist_del(&h->by_rcoa);
	hlist_del(&h->by_seq);
	mn->n_hi--;
}

static struct hmip_map_hi *hmip_map_hi_find_rcoa(struct hmip_map_net *mn,
						 const struct in6_addr *rcoa)
{
	struct hmip_map_hi *h;

	hlist_for_each_entry(h, &mn->hi_rcoa[hmip_map_hi_hash_rcoa(rcoa)],
			     by_rcoa)
		if (ipv6_addr_equal(&h->f.rcoa, rcoa))
			return h;
	return NULL;
}

/**
 * hmip_map_hi_start - hold a Fast Binding Update, ask its access router
 * @hn: hmip state of the netns
 * @f: the FBU, checked; @f->pcoa is the binding's LCoA
 * @ar: the access router whose prefix holds the NCoA
 * @timeout_ms: the first retransmission timeout, the MAP's hi_timeout_ms
 *
 * One per binding: a newer FBU replaces the one held. A reactive FBU
 * (already applied) is held only to match the answer.
 *
 * Context: the binding cache's lock held, BHs off.
 * Return: 0, or -ENOBUFS / -ENOMEM when it cannot be held.
 */
int hmip_map_hi_start(struct hmip_net *hn, const struct hmip_map_fbu *f,
		      const struct hmip_anchor_ar *ar, u32 timeout_ms)
{
	struct hmip_map_net *mn = hn->map;
	struct hmip_map_hi *h, *old;

	h = kzalloc(sizeof(*h), GFP_ATOMIC);
	if (!h)
		return -ENOMEM;
	h->f = *f;
	h->ar = ar->addr;
	h->timeout_ms = timeout_ms;
	/* RFC 5568 6.2.1.1: code 1 when the FBU did not come from the
	 * PCoA; buffering only with code 0.
	 */
	h->code = f->reactive ? HMIP_HI_CODE_OTHER : HMIP_HI_CODE_PCOA;
	h->flags = ar->buffer && !f->reactive ? HMIP_HI_FLAG_U : 0;

	spin_lock(&mn->hi_lock);
	old = hmip_map_hi_find_rcoa(mn, &f->rcoa);
	if (old) {
		hmip_map_hi_unlink(mn, old);
		kfree(old);
		HMIP_INC_STATS(hn, MAP_HI_CANCELLED);
	}
	if (mn->n_hi >= HMIP_MAP_MAX_HI) {
		spin_unlock(&mn->hi_lock);
		kfree(h);
		return -ENOBUFS;
	}
	h->seq = mn->hi_next_seq++;
	hlist_add_head(&h->by_rcoa,
		       &mn->hi_rcoa[hmip_map_hi_hash_rcoa(&f->rcoa)]);
	hlist_add_head(&h->by_seq, &mn->hi_seq[hmip_map_hi_hash_seq(h->seq)]);
	mn->n_hi++;
	hmip_map_hi_send(hn, h);
	HMIP_INC_STATS(hn, MAP_HI_TX);
	if (!timer_pending(&mn->hi_timer) ||
	    time_before(h->due, mn->hi_timer.expires))
		mod_timer(&mn->hi_timer, h->due);
	spin_unlock(&mn->hi_lock);
	return 0;
}

/**
 * hmip_map_hi_cancel - forget the FBU held for a binding
 * @hn: hmip state of the netns
 * @rcoa: the binding's RCoA
 *
 * From the MAP's binding events: the binding changed (a Binding Update,
 * a deletion, its expiry), which the held FBU did not know of.
 *
 * Context: the binding cache's lock held, BHs off.
 */
void hmip_map_hi_cancel(struct hmip_net *hn, const struct in6_addr *rcoa)
{
	struct hmip_map_net *mn = hn->map;
	struct hmip_map_hi *h;

	spin_lock(&mn->hi_lock);
	h = mn->n_hi ? hmip_map_hi_find_rcoa(mn, rcoa) : NULL;
	if (h) {
		hmip_map_hi_unlink(mn, h);
		HMIP_INC_STATS(hn, MAP_HI_CANCELLED);
	}
	spin_unlock(&mn->hi_lock);
	kfree(h);
}

/* The FBUs @map holds now, for "map show". */
unsigned int hmip_map_hi_count(struct hmip_net *hn, const struct hmip_map *map)
{
	struct hmip_map_net *mn = hn->map;
	struct hmip_map_hi *h;
	unsigned int i, n = 0;

	spin_lock_bh(&mn->hi_lock);
	for (i = 0; mn->n_hi && i < ARRAY_SIZE(mn->hi_rcoa); i++)
		hlist_for_each_entry(h, &mn->hi_rcoa[i], by_rcoa)
			n += ipv6_addr_equal(&h->f.dst, &map->anchor.addr);
	spin_unlock_bh(&mn->hi_lock);
	return n;
}

/* Retransmit what is due, end what timed out (after the lock: the
 * answer takes the binding cache's), re-arm for the earliest left.
 */
static void hmip_map_hi_timer(struct timer_list *t)
{
	struct hmip_map_net *mn = from_timer(mn, t, hi_timer);
	struct hmip_net *hn = mn->hn;
	unsigned long now = jiffies, next = 0;
	struct hmip_map_hi *h;
	struct hlist_node *tmp;
	HLIST_HEAD(done);
	unsigned int i;

	spin_lock(&mn->hi_lock);
	for (i = 0; mn->n_hi && i < ARRAY_SIZE(mn->hi_rcoa); i++) {
		hlist_for_each_entry_safe(h, tmp, &mn->hi_rcoa[i], by_rcoa) {
			if (time_before(now, h->due)) {
				/* nothing due */
			} else if (h->sent > HMIP_MAP_HI_RETRIES) {
				hmip_map_hi_unlink(mn, h);
				hlist_add_head(&h->by_rcoa, &done);
				continue;
			} else {
				hmip_map_hi_send(hn, h);
				HMIP_INC_STATS(hn, MAP_HI_RETRANSMIT);
			}
			if (!next || time_before(h->due, next))
				next = h->due;
		}
	}
	if (next)
		mod_timer(&mn->hi_timer, next);
	spin_unlock(&mn->hi_lock);

	hlist_for_each_entry_safe(h, tmp, &done, by_rcoa) {
		HMIP_INC_STATS(hn, MAP_HI_TIMEOUT);
		trace_hmip_map_hack_received(hn->net, &h->f.dst, &h->ar,
					     h->seq, -1, "map_hi_timeout");
		rcu_read_lock();
		hmip_map_fbu_confirmed(hn, &h->f, -ETIMEDOUT);
		rcu_read_unlock();
		kfree(h);
	}
}

/**
 * hmip_map_rcv_hack - a Handover Acknowledge, from main.c's Mobility
 *	Header table
 * @hn: hmip state of the receiving netns
 * @skb: the packet; the Mobility Header is linear, checksum verified, at
 *	least 16 octets
 *
 * Context: softirq, RCU read side.
 */
void hmip_map_rcv_hack(struct hmip_net *hn, struct sk_buff *skb)
{
	const struct hmip_mh_hack *ha = (const void *)skb_transport_header(skb);
	const struct in6_addr *saddr = &ipv6_hdr(skb)->saddr;
	const struct in6_addr *daddr = &ipv6_hdr(skb)->daddr;
	const struct hmip_anchor_params *p;
	struct hmip_map_net *mn = hn->map;
	struct hmip_map_hi *h, *found = NULL;
	u16 seq = ntohs(ha->seq);
	struct hmip_sa_id sa;
	struct hmip_map *map;
	unsigned int mib;

	BUILD_BUG_ON(sizeof(*ha) > 16);
	map = hmip_map_lookup(hn, daddr);
	if (!map) {
		mib = HMIP_MIB_MAP_HACK_DROP_NOT_MAP;
		goto drop;
	}
	/* RFC 5568 section 10: HI and HAck MUST be protected. */
	p = rcu_dereference(map->anchor.params);
	if (p->require_ipsec && !hmip_mh_xfrm_protected(skb, &sa)) {
		mib = HMIP_MIB_MAP_HACK_DROP_NO_IPSEC;
		goto drop;
	}
	/* 6.2.1.2: the sequence number of an HI outstanding, from the
	 * router it went to, to the MAP that sent it.
	 */
	spin_lock_bh(&mn->hi_lock);
	hlist_for_each_entry(h, &mn->hi_seq[hmip_map_hi_hash_seq(seq)], by_seq)
		if (h->seq == seq && ipv6_addr_equal(&h->ar, saddr) &&
		    ipv6_addr_equal(&h->f.dst, daddr)) {
			hmip_map_hi_unlink(mn, h);
			found = h;
			break;
		}
	spin_unlock_bh(&mn->hi_lock);
	if (!found) {
		mib = HMIP_MIB_MAP_HACK_DROP_UNKNOWN;
		goto drop;
	}

	mib = ha->code == HMIP_HACK_CODE_NCOA_VALID ?
	      HMIP_MIB_MAP_HACK_ACCEPTED :
	      ha->code == HMIP_HACK_CODE_NCOA_INVALID ?
	      HMIP_MIB_MAP_HACK_NCOA_INVALID : HMIP_MIB_MAP_HACK_REFUSED;
	HMIP_INC_STATS_IDX(hn, mib);
	trace_hmip_map_hack_received(hn->net, daddr, saddr, seq, ha->code,
				     hmip_stats_name(mib));
	hmip_map_fbu_confirmed(hn, &found->f, ha->code);
	kfree(found);
	return;

drop:
	HMIP_INC_STATS_IDX(hn, mib);
	trace_hmip_map_hack_received(hn->net, daddr, saddr, seq, ha->code,
				     hmip_stats_name(mib));
}

void hmip_map_hi_net_init(struct hmip_map_net *mn)
{
	spin_lock_init(&mn->hi_lock);
	timer_setup(&mn->hi_timer, hmip_map_hi_timer, 0);
	mn->hi_next_seq = get_random_u32();
}

/* At netns exit, after the MAPs and their bindings: nothing is held, and
 * nothing can be any more.
 */
void hmip_map_hi_net_exit(struct hmip_map_net *mn)
{
	del_timer_sync(&mn->hi_timer);
	WARN_ON_ONCE(mn->n_hi);
}
