// SPDX-License-Identifier: GPL-2.0
/*
 * The new access router's buffer (RFC 5568 sections 5.4 and 6.3): after
 * a Handover Initiate with the U flag, the packets this router forwards
 * to the NCoA are held until the mobile node arrives and says so with an
 * Unsolicited Neighbor Advertisement. Then the router makes a STALE
 * neighbour entry for it and sends the packets on with the default
 * algorithm of section 5.4: at most 5 back to back, the others at the
 * pace they came in (each after the gap that separated it from the one
 * before on arrival).
 *
 * Bounds: packets per entry, entries per MAP option, and the time
 * packets wait for their mobile node; what goes past them is dropped and
 * counted. An entry goes when its packets are out, when it expires, or
 * with its option (interface gone, "ar del", netns exit, module unload),
 * its packets dropped and counted then.
 *
 * Entries are found under RCU (a FORWARD hook, the LOCAL_IN hook of
 * ra.c); everything else about them (hash, queue, state, timer) is under
 * hmip_ar.buf_lock. An entry that ends by itself (released, expired)
 * goes from the hash to a list that a worker empties: only a sleeping
 * context can wait for a timer that may still run (hrtimer_cancel()).
 * The flush of an option takes its entries out and frees them itself.
 */

#include <linux/hash.h>
#include <linux/hrtimer.h>
#include <linux/jhash.h>
#include <linux/netfilter_ipv6.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/ip6_checksum.h>
#include <net/ip6_fib.h>
#include <net/ipv6.h>
#include <net/ndisc.h>
#include <net/neighbour.h>

#include "ar/ar.h"
#include "core/netns.h"

enum hmip_ar_buf_state {
	HMIP_AR_BUF_WAITING,	/* for the mobile node's UNA */
	HMIP_AR_BUF_RELEASING,	/* sending the packets on */
};

/**
 * struct hmip_ar_buf - the packets held for one NCoA
 * @node: in &hmip_ar.buf_hash
 * @gc: on &hmip_ar.buf_gc, or a flush's list, once out of the hash
 * @hn: the netns's state, for the timer
 * @opt: the MAP option whose Handover Initiate made it
 * @ifindex: the interface the NCoA is on-link on
 * @ncoa: the new care-of address
 * @lla: the mobile node's link-layer address, from the Handover Initiate
 * @lla_len: its octets
 * @state: &enum hmip_ar_buf_state
 * @dead: out of the hash: nothing is queued any more
 * @max: packets held at most
 * @expires: when waiting ends (CLOCK_MONOTONIC)
 * @next: when the next packet is due while releasing
 * @last: arrival time of the last packet sent on
 * @q: the packets; each one's arrival time in skb->tstamp
 * @timer: expiry while waiting, pacing while releasing (softirq)
 * @rcu: for kfree_rcu()
 */
struct hmip_ar_buf {
	struct hlist_node node;
	struct list_head gc;
	struct hmip_net *hn;
	struct hmip_ar_opt *opt;
	int ifindex;
	struct in6_addr ncoa;
	u8 lla[HMIP_FMIP_LLA_MAX];
	u8 lla_len;
	u8 state;
	bool dead;
	u32 max;
	ktime_t expires;
	ktime_t next;
	ktime_t last;
	struct sk_buff_head q;
	struct hrtimer timer;
	struct rcu_head rcu;
};

static struct hlist_head *hmip_ar_buf_bucket(struct hmip_ar *ar,
					     const struct in6_addr *ncoa)
{
	u32 h = jhash2((const u32 *)ncoa, 4, ar->buf_seed);

	return &ar->buf_hash[hash_32(h, HMIP_AR_BUF_HASH_BITS)];
}

/* Caller holds RCU or hn->ar->buf_lock. */
static struct hmip_ar_buf *hmip_ar_buf_lookup(struct hmip_ar *ar,
					      const struct in6_addr *ncoa)
{
	struct hmip_ar_buf *b;

	hlist_for_each_entry_rcu(b, hmip_ar_buf_bucket(ar, ncoa), node,
				 lockdep_is_held(&ar->buf_lock))
		if (ipv6_addr_equal(&b->ncoa, ncoa))
			return b;
	return NULL;
}

/* Out of the hash; the caller frees it. Under buf_lock. */
static void hmip_ar_buf_unlink(struct hmip_ar *ar, struct hmip_ar_buf *b)
{
	hlist_del_rcu(&b->node);
	b->dead = true;
	atomic_dec(&ar->n_bufs);
	/* The option outlives its entries: its flush takes them out first. */
	b->opt->n_bufs--;
}

/* The entry is done: the worker frees it. Under buf_lock. */
static void hmip_ar_buf_end(struct hmip_ar *ar, struct hmip_ar_buf *b)
{
	hmip_ar_buf_unlink(ar, b);
	list_add_tail(&b->gc, &ar->buf_gc);
	schedule_work(&ar->buf_gc_work);
}

/* Frees the entries that ended, once their timers are over. */
static void hmip_ar_buf_gc(struct work_struct *work)
{
	struct hmip_ar *ar = container_of(work, struct hmip_ar, buf_gc_work);
	struct hmip_ar_buf *b, *tmp;
	LIST_HEAD(gc);

	spin_lock_bh(&ar->buf_lock);
	list_splice_init(&ar->buf_gc, &gc);
	spin_unlock_bh(&ar->buf_lock);
	list_for_each_entry_safe(b, tmp, &gc, gc) {
		hrtimer_cancel(&b->timer);
		/* Ended entries hold nothing: released or dropped before. */
		kfree_rcu(b, rcu);
	}
}

/* Send one held packet on, as ip6_forward_finish() would have. */
static void hmip_ar_buf_xmit(struct hmip_net *hn, struct sk_buff *skb)
{
	struct dst_entry *dst = skb_dst(skb);

	IP6_INC_STATS(hn->net, ip6_dst_idev(dst),
		      IPSTATS_MIB_OUTFORWDATAGRAMS);
	IP6_ADD_STATS(hn->net, ip6_dst_idev(dst), IPSTATS_MIB_OUTOCTETS,
		      skb->len);
	skb_clear_tstamp(skb);
	dst_output(hn->net, NULL, skb);
}

/* Take up to @n packets off @b into @out, and set the timer for the
 * next; with none left the entry ends. Under buf_lock, releasing.
 */
static void hmip_ar_buf_take(struct hmip_ar *ar, struct hmip_ar_buf *b,
			     unsigned int n, ktime_t now,
			     struct sk_buff_head *out)
{
	struct sk_buff *skb;
	ktime_t gap;

	while (n-- && (skb = __skb_dequeue(&b->q))) {
		b->last = skb->tstamp;
		__skb_queue_tail(out, skb);
	}
	skb = skb_peek(&b->q);
	if (!skb) {
		hmip_ar_buf_end(ar, b);
		return;
	}
	/* The pace of arrival (section 5.4): the gap that separated this
	 * packet from the one sent before it.
	 */
	gap = ktime_sub(skb->tstamp, b->last);
	if (gap < 0)
		gap = 0;
	b->next = ktime_add(now, gap);
	hrtimer_start(&b->timer, b->next, HRTIMER_MODE_ABS_SOFT);
}

static void hmip_ar_buf_send(struct hmip_net *hn, struct sk_buff_head *out)
{
	struct sk_buff *skb;
	unsigned int n = 0;

	while ((skb = __skb_dequeue(out))) {
		hmip_ar_buf_xmit(hn, skb);
		n++;
	}
	if (n)
		HMIP_ADD_STATS(hn, AR_BUFFER_RELEASED, n);
}

/* Expiry while waiting, the next packet while releasing; a run that
 * finds nothing due (the state changed under it) sets the timer again.
 * An entry out of the hash is left alone: whoever took it out frees it.
 */
static enum hrtimer_restart hmip_ar_buf_timer(struct hrtimer *t)
{
	struct hmip_ar_buf *b = container_of(t, struct hmip_ar_buf, timer);
	struct hmip_net *hn = b->hn;
	struct hmip_ar *ar = hn->ar;
	struct sk_buff_head out;
	unsigned int expired = 0;
	ktime_t now;

	__skb_queue_head_init(&out);
	spin_lock(&ar->buf_lock);
	if (b->dead)
		goto unlock;
	now = ktime_get();
	if (b->state == HMIP_AR_BUF_WAITING) {
		if (now < b->expires) {
			hrtimer_start(&b->timer, b->expires,
				      HRTIMER_MODE_ABS_SOFT);
			goto unlock;
		}
		/* No mobile node: what waited for it is dropped. */
		expired = skb_queue_len(&b->q);
		skb_queue_splice_init(&b->q, &out);
		hmip_ar_buf_end(ar, b);
	} else if (now < b->next) {
		hrtimer_start(&b->timer, b->next, HRTIMER_MODE_ABS_SOFT);
	} else {
		hmip_ar_buf_take(ar, b, 1, now, &out);
	}
unlock:
	spin_unlock(&ar->buf_lock);
	if (expired) {
		HMIP_ADD_STATS(hn, AR_BUFFER_DROP_EXPIRED, expired);
		__skb_queue_purge(&out);
	}
	hmip_ar_buf_send(hn, &out);
	return HRTIMER_NORESTART;
}

/**
 * hmip_ar_buffer_add - hold packets for an NCoA (a Handover Initiate
 *	with the U flag)
 * @hn: hmip state of the netns
 * @opt: the MAP option whose MAP sent it
 * @ifindex: the interface the NCoA is on-link on
 * @ncoa: the NCoA
 * @lla: the mobile node's link-layer address, which its UNA must carry
 * @lla_len: its octets, at most %HMIP_FMIP_LLA_MAX
 *
 * An entry for the NCoA already there (a retransmitted Handover Initiate)
 * stays as it is.
 *
 * Context: softirq, RCU read side.
 * Return: 0, -ENOSPC when the option buffers for as many NCoAs as it may
 * (or is going), -ENOMEM.
 */
int hmip_ar_buffer_add(struct hmip_net *hn, struct hmip_ar_opt *opt,
		       int ifindex, const struct in6_addr *ncoa,
		       const u8 *lla, unsigned int lla_len)
{
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_buf *b;
	int err = 0;

	b = kzalloc(sizeof(*b), GFP_ATOMIC);
	if (!b) {
		HMIP_INC_STATS(hn, AR_BUFFER_ENTRY_NOMEM);
		return -ENOMEM;
	}
	b->hn = hn;
	b->opt = opt;
	b->ifindex = ifindex;
	b->ncoa = *ncoa;
	b->lla_len = min_t(unsigned int, lla_len, sizeof(b->lla));
	memcpy(b->lla, lla, b->lla_len);
	b->max = READ_ONCE(opt->hi.buf_packets);
	__skb_queue_head_init(&b->q);
	hrtimer_init(&b->timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_SOFT);
	b->timer.function = hmip_ar_buf_timer;

	spin_lock_bh(&ar->buf_lock);
	if (hmip_ar_buf_lookup(ar, ncoa))
		goto unlock;
	if (opt->buf_dead || opt->n_bufs >= READ_ONCE(opt->hi.buf_entries)) {
		err = -ENOSPC;
		goto unlock;
	}
	opt->n_bufs++;
	atomic_inc(&ar->n_bufs);
	b->expires = ktime_add_ms(ktime_get(),
				  READ_ONCE(opt->hi.buf_lifetime_ms));
	hlist_add_head_rcu(&b->node, hmip_ar_buf_bucket(ar, ncoa));
	hrtimer_start(&b->timer, b->expires, HRTIMER_MODE_ABS_SOFT);
	b = NULL;
unlock:
	spin_unlock_bh(&ar->buf_lock);
	kfree(b);
	return err;
}

/**
 * hmip_ar_buffer_flush - drop the buffers of a MAP option that goes
 * @hn: hmip state of the netns
 * @opt: the option, out of &hmip_ar.opts already
 *
 * Its held packets are dropped and counted; no timer of its entries runs
 * afterwards, and no entry is made for it any more.
 *
 * Context: process (waits for the entries' timers).
 */
void hmip_ar_buffer_flush(struct hmip_net *hn, struct hmip_ar_opt *opt)
{
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_buf *b, *tmp;
	struct hlist_node *n;
	unsigned int i;
	LIST_HEAD(gc);

	spin_lock_bh(&ar->buf_lock);
	opt->buf_dead = true;
	for (i = 0; i < ARRAY_SIZE(ar->buf_hash); i++)
		hlist_for_each_entry_safe(b, n, &ar->buf_hash[i], node) {
			if (b->opt != opt)
				continue;
			hmip_ar_buf_unlink(ar, b);
			list_add(&b->gc, &gc);
		}
	spin_unlock_bh(&ar->buf_lock);

	list_for_each_entry_safe(b, tmp, &gc, gc) {
		/* A run under way sees it dead and sends nothing more. */
		hrtimer_cancel(&b->timer);
		HMIP_ADD_STATS(hn, AR_BUFFER_DROP_FLUSHED, skb_queue_len(&b->q));
		__skb_queue_purge(&b->q);
		kfree_rcu(b, rcu);
	}
}

/* Packets forwarded to a buffered NCoA out of its interface are held:
 * while the entry waits for its mobile node, and while it releases them,
 * so that what comes later does not overtake them.
 */
static unsigned int hmip_ar_buffer_fwd(void *priv, struct sk_buff *skb,
				       const struct nf_hook_state *state)
{
	struct hmip_net *hn = priv;
	struct hmip_ar *ar = hn->ar;
	struct hmip_ar_buf *b;
	unsigned int ret = NF_STOLEN;

	if (!atomic_read(&ar->n_bufs) || !state->out)
		return NF_ACCEPT;
	b = hmip_ar_buf_lookup(ar, &ipv6_hdr(skb)->daddr);
	if (!b || b->ifindex != state->out->ifindex)
		return NF_ACCEPT;

	spin_lock_bh(&ar->buf_lock);
	if (b->dead || (b->state == HMIP_AR_BUF_RELEASING &&
			skb_queue_empty(&b->q))) {
		ret = NF_ACCEPT;
	} else if (skb_queue_len(&b->q) >= b->max) {
		HMIP_INC_STATS(hn, AR_BUFFER_DROP_FULL);
		ret = NF_DROP;
	} else if (!skb_dst_force(skb)) {
		/* Its route is going: it cannot be sent later. */
		HMIP_INC_STATS(hn, AR_BUFFER_DROP_NOMEM);
		ret = NF_DROP;
	} else {
		skb->tstamp = ktime_get();
		__skb_queue_tail(&b->q, skb);
		HMIP_INC_STATS(hn, AR_BUFFER_QUEUED);
	}
	spin_unlock_bh(&ar->buf_lock);
	return ret;
}

/* The NA's Target Link-Layer Address option, read into @lla. */
static bool hmip_ar_una_tlla(const struct sk_buff *skb,
			     const struct hmip_nd_msg *msg,
			     const struct net_device *dev, u8 *lla)
{
	struct hmip_nd_ra_opts it = {
		.skb = skb,
		.pos = msg->off + sizeof(struct nd_msg),
		.end = msg->off + msg->len,
	};
	bool found = false;
	int ret;

	while ((ret = hmip_nd_ra_opts_next(&it)) > 0) {
		if (it.type != ND_OPT_TARGET_LL_ADDR)
			continue;
		/* Ethernet's: 2 octets, the address, the padding. */
		if (found || it.len < 2 + dev->addr_len)
			return false;
		memcpy(lla, it.data + 2, dev->addr_len);
		found = true;
	}
	return !ret && found;
}

/* The UNA's checks (RFC 4861 7.1.2 and RFC 5568 6.3): hop limit 255,
 * checksum, Code 0, from the NCoA, S and O clear, and the link-layer
 * address of the Handover Initiate in its Target Link-Layer Address
 * option, which tells the mobile node apart from another node claiming
 * the NCoA.
 */
static bool hmip_ar_una_ok(struct sk_buff *skb, const struct hmip_nd_msg *msg,
			   const struct nd_msg *na, const struct hmip_ar_buf *b,
			   const struct net_device *dev, u8 *lla)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);

	return ip6h->hop_limit == 255 && !na->icmph.icmp6_code &&
	       !na->icmph.icmp6_solicited && !na->icmph.icmp6_override &&
	       ipv6_addr_equal(&ip6h->saddr, &na->target) &&
	       !csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, msg->len,
				IPPROTO_ICMPV6,
				skb_checksum(skb, msg->off, msg->len, 0)) &&
	       dev->addr_len && dev->addr_len <= b->lla_len &&
	       hmip_ar_una_tlla(skb, msg, dev, lla) &&
	       !memcmp(lla, b->lla, dev->addr_len);
}

/* RFC 5568 6.3: a STALE entry with the node's address, or an INCOMPLETE
 * one made STALE; ndisc's rules keep a REACHABLE one with that address.
 */
static void hmip_ar_una_neigh(struct hmip_net *hn, struct net_device *dev,
			      const struct in6_addr *ncoa, const u8 *lla)
{
	struct neighbour *n;

	n = __neigh_lookup(&nd_tbl, ncoa, dev, true);
	if (IS_ERR_OR_NULL(n)) {
		HMIP_INC_STATS(hn, AR_UNA_NEIGH_ERROR);
		return;
	}
	if (neigh_update(n, lla, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE, 0))
		HMIP_INC_STATS(hn, AR_UNA_NEIGH_ERROR);
	neigh_release(n);
}

/**
 * hmip_ar_buffer_una - a Neighbour Advertisement on an access interface
 * @hn: hmip state of the netns
 * @skb: the packet, ICMPv6 right after its IPv6 header
 * @msg: where the advertisement lies
 * @dev: the interface it arrived on
 *
 * One whose target is a buffered NCoA of @dev is the mobile node's UNA:
 * checked, it makes the neighbour entry and starts the release. Others
 * are ndisc's alone; so is this one after (NF_ACCEPT).
 *
 * Context: softirq, from the LOCAL_IN hook, RCU read side.
 */
void hmip_ar_buffer_una(struct hmip_net *hn, struct sk_buff *skb,
			const struct hmip_nd_msg *msg, struct net_device *dev)
{
	struct hmip_ar *ar = hn->ar;
	u8 lla[HMIP_FMIP_LLA_MAX];
	struct sk_buff_head out;
	const struct nd_msg *na;
	struct nd_msg _na;
	struct hmip_ar_buf *b;

	if (!atomic_read(&ar->n_bufs) || msg->len < sizeof(*na))
		return;
	na = skb_header_pointer(skb, msg->off, sizeof(_na), &_na);
	if (!na)
		return;
	b = hmip_ar_buf_lookup(ar, &na->target);
	if (!b || b->ifindex != dev->ifindex)
		return;
	if (!hmip_ar_una_ok(skb, msg, na, b, dev, lla)) {
		HMIP_INC_STATS(hn, AR_UNA_DROP_INVALID);
		return;
	}
	hmip_ar_una_neigh(hn, dev, &na->target, lla);

	__skb_queue_head_init(&out);
	spin_lock_bh(&ar->buf_lock);
	if (!b->dead && b->state == HMIP_AR_BUF_WAITING) {
		HMIP_INC_STATS(hn, AR_UNA_RX);
		b->state = HMIP_AR_BUF_RELEASING;
		/* Section 5.4: at most 5 back to back. */
		hmip_ar_buf_take(ar, b, HMIP_AR_BUF_BURST, ktime_get(), &out);
	}
	spin_unlock_bh(&ar->buf_lock);
	hmip_ar_buf_send(hn, &out);
}

void hmip_ar_buffer_net_init(struct hmip_ar *ar)
{
	unsigned int i;

	spin_lock_init(&ar->buf_lock);
	for (i = 0; i < ARRAY_SIZE(ar->buf_hash); i++)
		INIT_HLIST_HEAD(&ar->buf_hash[i]);
	INIT_LIST_HEAD(&ar->buf_gc);
	INIT_WORK(&ar->buf_gc_work, hmip_ar_buf_gc);
	ar->buf_seed = get_random_u32();
	atomic_set(&ar->n_bufs, 0);
	ar->fwd_hook.hook = hmip_ar_buffer_fwd;
	ar->fwd_hook.priv = ar->hn;
	ar->fwd_hook.pf = NFPROTO_IPV6;
	ar->fwd_hook.hooknum = NF_INET_FORWARD;
	/* Last: what the firewall drops is not held. */
	ar->fwd_hook.priority = NF_IP6_PRI_LAST;
}

/**
 * hmip_ar_buffer_start - a MAP option comes: the forward hook is there
 *	while there is one
 * @hn: hmip state of the netns
 *
 * Context: process; caller holds &hmip_ar.lock.
 * Return: 0, or the error of nf_register_net_hook().
 */
int hmip_ar_buffer_start(struct hmip_net *hn)
{
	struct hmip_ar *ar = hn->ar;
	int err;

	lockdep_assert_held(&ar->lock);
	if (!ar->fwd_users) {
		err = nf_register_net_hook(hn->net, &ar->fwd_hook);
		if (err)
			return err;
	}
	ar->fwd_users++;
	return 0;
}

/* A MAP option went, its buffers flushed; the last takes the hook. */
void hmip_ar_buffer_stop(struct hmip_net *hn)
{
	struct hmip_ar *ar = hn->ar;

	lockdep_assert_held(&ar->lock);
	if (!WARN_ON(!ar->fwd_users) && !--ar->fwd_users)
		nf_unregister_net_hook(hn->net, &ar->fwd_hook);
}

/* At netns exit, the options gone: the entries that ended are freed
 * before the state they point to.
 */
void hmip_ar_buffer_net_exit(struct hmip_ar *ar)
{
	flush_work(&ar->buf_gc_work);
}
