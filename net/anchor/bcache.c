// SPDX-License-Identifier: GPL-2.0

#include <linux/jiffies.h>
#include <linux/rhashtable.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "anchor/bcache.h"
#include "tunnel/tunnel.h"

static struct kmem_cache *hmip_binding_cache __read_mostly;

/* rhashtable hashes with jhash and a per-table random seed, so remote
 * senders choosing RCoAs cannot aim at one bucket.
 */
static const struct rhashtable_params hmip_bcache_params = {
	.key_len = sizeof(struct in6_addr),
	.key_offset = offsetof(struct hmip_binding, rcoa),
	.head_offset = offsetof(struct hmip_binding, node),
	.automatic_shrinking = true,
};

static struct list_head *hmip_bcache_slot(struct hmip_bcache *bc,
					  unsigned long expires)
{
	return &bc->wheel[(expires / HZ) % HMIP_BCACHE_WHEEL_SLOTS];
}

/**
 * hmip_anchor_bcache_lookup - the binding of an RCoA
 * @bc: the cache
 * @rcoa: the regional care-of address
 *
 * Context: RCU read side (holding &hmip_bcache.lock is not enough for
 * rhashtable's checks).
 * Return: the binding, valid until the read side ends, or NULL.
 */
struct hmip_binding *hmip_anchor_bcache_lookup(struct hmip_bcache *bc,
					       const struct in6_addr *rcoa)
{
	return rhashtable_lookup(&bc->ht, rcoa, hmip_bcache_params);
}

/* A consistent copy of @b's LCoA, without the lock. */
void hmip_anchor_bcache_binding_lcoa(const struct hmip_binding *b,
				     struct in6_addr *lcoa)
{
	unsigned int start;

	do {
		start = read_seqcount_begin(&b->seqcount);
		*lcoa = b->lcoa;
	} while (read_seqcount_retry(&b->seqcount, start));
}

/* A consistent copy of @b's LCoA and, while bicasting lasts, of the
 * previous one in @old: whether it does. Without the lock.
 */
bool hmip_anchor_bcache_binding_bicast(const struct hmip_binding *b,
				       struct in6_addr *lcoa,
				       struct in6_addr *old)
{
	unsigned long until;
	unsigned int start;
	bool bicast;

	do {
		start = read_seqcount_begin(&b->seqcount);
		*lcoa = b->lcoa;
		*old = b->bicast_lcoa;
		/* 0 is off: compared as a time, it would be in the future
		 * for half of every jiffies wrap (32-bit kernels).
		 */
		until = READ_ONCE(b->bicast_until);
		bicast = until && time_before(jiffies, until);
	} while (read_seqcount_retry(&b->seqcount, start));
	return bicast;
}

/* A consistent copy of @b's security association, without the lock. */
void hmip_anchor_bcache_binding_sa(const struct hmip_binding *b,
				   struct hmip_sa_id *sa)
{
	unsigned int start;

	do {
		start = read_seqcount_begin(&b->seqcount);
		*sa = b->sa;
	} while (read_seqcount_retry(&b->seqcount, start));
}

/**
 * hmip_anchor_bcache_set_sa - record the SA a binding belongs to
 * @bc: the cache
 * @b: the binding
 * @sa: the SA, or one with proto 0 for none
 *
 * Context: &hmip_bcache.lock held.
 */
void hmip_anchor_bcache_set_sa(struct hmip_bcache *bc, struct hmip_binding *b,
			       const struct hmip_sa_id *sa)
{
	lockdep_assert_held(&bc->lock);

	if (hmip_sa_id_equal(&b->sa, sa))
		return;
	write_seqcount_begin(&b->seqcount);
	b->sa = *sa;
	write_seqcount_end(&b->seqcount);
}

/**
 * hmip_anchor_bcache_arm - file a binding where it will be found when it is due
 * @bc: the cache
 * @b: the binding: a wheel slot when valid, the DAD list while DAD runs
 *
 * Context: &hmip_bcache.lock held.
 */
void hmip_anchor_bcache_arm(struct hmip_bcache *bc, struct hmip_binding *b)
{
	if (b->state == HMIP_BINDING_DAD)
		list_move_tail(&b->expiry, &bc->dad_list);
	else
		list_move_tail(&b->expiry, hmip_bcache_slot(bc, b->expires));
}

/**
 * hmip_anchor_bcache_create - add a binding
 * @bc: the cache
 * @owner: what in the role holds it (a MAP); handed back in @b->owner
 * @rcoa: regional care-of address, not yet in the cache
 * @lcoa: on-link care-of address
 *
 * The binding has no lifetime yet: the caller sets it with
 * hmip_anchor_bcache_update() before dropping the lock.
 *
 * Context: &hmip_bcache.lock held, BHs off.
 * Return: the binding, or NULL when memory is short.
 */
struct hmip_binding *hmip_anchor_bcache_create(struct hmip_bcache *bc,
					       void *owner,
					       const struct in6_addr *rcoa,
					const struct in6_addr *lcoa)
{
	struct hmip_binding *b;

	lockdep_assert_held(&bc->lock);

	b = kmem_cache_zalloc(hmip_binding_cache, GFP_ATOMIC);
	if (!b)
		return NULL;
	b->rcoa = *rcoa;
	b->lcoa = *lcoa;
	b->owner = owner;
	seqcount_init(&b->seqcount);
	b->created = get_jiffies_64();
	b->refreshed = b->created;
	b->expires = jiffies;
	INIT_LIST_HEAD(&b->expiry);

	if (rhashtable_insert_fast(&bc->ht, &b->node, hmip_bcache_params)) {
		kmem_cache_free(hmip_binding_cache, b);
		return NULL;
	}
	hmip_anchor_bcache_arm(bc, b);
	if (!bc->count++) {
		bc->wheel_sec = jiffies / HZ;
		mod_delayed_work(system_power_efficient_wq, &bc->gc, HZ);
	}
	return b;
}

/**
 * hmip_anchor_bcache_update - record an accepted Binding Update
 * @bc: the cache
 * @b: the binding
 * @lcoa: the (possibly new) on-link care-of address
 * @seq: its sequence number
 * @flags: its flags
 * @lifetime: seconds granted, not zero
 *
 * Context: &hmip_bcache.lock held, BHs off.
 */
void hmip_anchor_bcache_update(struct hmip_bcache *bc, struct hmip_binding *b,
			       const struct in6_addr *lcoa, u16 seq, u16 flags,
			u32 lifetime)
{
	lockdep_assert_held(&bc->lock);

	/* A later update ends bicasting: the node is where it says. */
	if (!ipv6_addr_equal(&b->lcoa, lcoa) || b->bicast_until) {
		write_seqcount_begin(&b->seqcount);
		b->lcoa = *lcoa;
		WRITE_ONCE(b->bicast_until, 0);
		write_seqcount_end(&b->seqcount);
	}
	b->seq = seq;
	b->flags = flags;
	b->lifetime = lifetime;
	b->refreshed = get_jiffies_64();
	/* While DAD runs, expires is DAD's deadline. */
	if (b->state == HMIP_BINDING_VALID) {
		b->expires = jiffies + lifetime * HZ;
		hmip_anchor_bcache_arm(bc, b);
	}
}

/**
 * hmip_anchor_bcache_fast - record an accepted Fast Binding Update
 * @bc: the cache
 * @b: the binding, valid
 * @ncoa: the new LCoA
 * @seq: its sequence number
 * @flags: its flags
 * @bicast: jiffies for which the previous LCoA still gets a copy of each
 *	packet (0: none)
 *
 * The lifetime stays the binding's: the Binding Update from the new link
 * renews it (RFC 5568 section 5.1).
 *
 * Context: &hmip_bcache.lock held, BHs off.
 */
void hmip_anchor_bcache_fast(struct hmip_bcache *bc, struct hmip_binding *b,
			     const struct in6_addr *ncoa, u16 seq, u16 flags,
			     unsigned long bicast)
{
	lockdep_assert_held(&bc->lock);

	write_seqcount_begin(&b->seqcount);
	b->bicast_lcoa = b->lcoa;
	b->lcoa = *ncoa;
	/* 0 means off; a deadline that happens to be 0 starts a jiffy late */
	WRITE_ONCE(b->bicast_until, bicast ? (jiffies + bicast) | 1 : 0);
	write_seqcount_end(&b->seqcount);
	b->seq = seq;
	b->flags = flags;
	b->refreshed = get_jiffies_64();
}

static void hmip_binding_free_rcu(struct rcu_head *head)
{
	struct hmip_binding *b = container_of(head, struct hmip_binding, rcu);

	hmip_tunnel_route_free(rcu_dereference_protected(b->route, 1));
	kmem_cache_free(hmip_binding_cache, b);
}

/**
 * hmip_anchor_bcache_delete - remove a binding; its owner hears why
 * @bc: the cache
 * @b: the binding; freed after an RCU grace period
 * @why: deleted (deregistration, admin) or expired
 *
 * Context: &hmip_bcache.lock held, BHs off.
 */
void hmip_anchor_bcache_delete(struct hmip_bcache *bc, struct hmip_binding *b,
			       enum hmip_binding_gone why)
{
	lockdep_assert_held(&bc->lock);

	rhashtable_remove_fast(&bc->ht, &b->node, hmip_bcache_params);
	list_del(&b->expiry);
	bc->count--;
	bc->ops->gone(bc, b, why);
	call_rcu(&b->rcu, hmip_binding_free_rcu);
}

/**
 * hmip_anchor_bcache_flush - delete every binding, or those of one owner
 * @bc: the cache
 * @owner: the owner (a MAP), or NULL for all
 * @why: reason given in the events
 *
 * Context: process; takes &hmip_bcache.lock.
 */
void hmip_anchor_bcache_flush(struct hmip_bcache *bc, void *owner,
			      enum hmip_binding_gone why)
{
	struct hmip_binding *b, *tmp;
	unsigned int i;

	/* The wheel and the DAD list hold every binding exactly once; the
	 * expiry worker, which moves bindings aside, is kept out.
	 */
	mutex_lock(&bc->gc_mutex);
	for (i = 0; i <= HMIP_BCACHE_WHEEL_SLOTS; i++) {
		struct list_head *list = i < HMIP_BCACHE_WHEEL_SLOTS ?
					 &bc->wheel[i] : &bc->dad_list;

		spin_lock_bh(&bc->lock);
		list_for_each_entry_safe(b, tmp, list, expiry)
			if (!owner || b->owner == owner)
				hmip_anchor_bcache_delete(bc, b, why);
		spin_unlock_bh(&bc->lock);
		cond_resched();
	}
	mutex_unlock(&bc->gc_mutex);
}

/* Bindings looked at per lock hold, so that a mass expiry (a million
 * bindings made in the same second) never keeps softirqs waiting long.
 */
#define HMIP_BCACHE_GC_BATCH	256

/* Expire what is due in one slot. The slot is moved aside whole and
 * worked through in batches; bindings not yet due go back. Refreshes may
 * move bindings out of the aside list meanwhile: every list change is
 * under the lock.
 */
static void hmip_bcache_gc_slot(struct hmip_bcache *bc, struct list_head *slot)
{
	struct hmip_binding *b;
	LIST_HEAD(aside);
	unsigned int n;
	bool more;

	spin_lock_bh(&bc->lock);
	list_splice_init(slot, &aside);
	spin_unlock_bh(&bc->lock);

	do {
		spin_lock_bh(&bc->lock);
		for (n = 0; n < HMIP_BCACHE_GC_BATCH && !list_empty(&aside); n++) {
			b = list_first_entry(&aside, struct hmip_binding, expiry);
			if (time_after_eq(jiffies, b->expires))
				hmip_anchor_bcache_delete(bc, b,
							  HMIP_BINDING_GONE_EXPIRED);
			else
				list_move_tail(&b->expiry, slot);
		}
		more = !list_empty(&aside);
		spin_unlock_bh(&bc->lock);
		cond_resched();
	} while (more);
}

/* Turns the wheel up to now: each slot passed is walked once, and what
 * is due in it goes.
 */
static void hmip_bcache_gc(struct work_struct *work)
{
	struct hmip_bcache *bc = container_of(to_delayed_work(work),
					      struct hmip_bcache, gc);
	unsigned long now_sec = jiffies / HZ;
	unsigned long sec;
	unsigned int slots;
	bool again;

	/* hmip_anchor_bcache_flush() must find every binding in a list it
	 * walks.
	 */
	mutex_lock(&bc->gc_mutex);
	slots = min_t(unsigned long, now_sec - bc->wheel_sec + 1,
		      HMIP_BCACHE_WHEEL_SLOTS);
	for (sec = now_sec - slots + 1; sec <= now_sec; sec++)
		hmip_bcache_gc_slot(bc, &bc->wheel[sec % HMIP_BCACHE_WHEEL_SLOTS]);
	mutex_unlock(&bc->gc_mutex);

	spin_lock_bh(&bc->lock);
	/* The current second is looked at again: some of it is still due. */
	bc->wheel_sec = now_sec;
	again = bc->count;
	spin_unlock_bh(&bc->lock);
	if (again)
		queue_delayed_work(system_power_efficient_wq, &bc->gc, HZ);
}

/**
 * hmip_anchor_bcache_for_each - visit every binding of an owner
 * @bc: the cache
 * @owner: whose bindings (&hmip_binding.owner)
 * @visit: called for each, under RCU (not the cache's lock); a binding
 *	that moves while the table is resized may be visited twice
 * @arg: passed to @visit
 *
 * Context: process.
 */
void hmip_anchor_bcache_for_each(struct hmip_bcache *bc, const void *owner,
				 void (*visit)(struct hmip_binding *b,
					       void *arg),
				 void *arg)
{
	struct rhashtable_iter iter;
	struct hmip_binding *b;

	rhashtable_walk_enter(&bc->ht, &iter);
	rhashtable_walk_start(&iter);
	for (;;) {
		b = rhashtable_walk_next(&iter);
		if (IS_ERR(b)) {
			if (PTR_ERR(b) == -EAGAIN)
				continue;	/* table resized: go on */
			break;
		}
		if (!b)
			break;
		if (b->owner == owner)
			visit(b, arg);
	}
	rhashtable_walk_stop(&iter);
	rhashtable_walk_exit(&iter);
}

/* Bindings under DAD looked at per lock hold: ending DAD answers a Binding
 * Update, and softirqs must not wait for a thousand of them.
 */
#define HMIP_BCACHE_DAD_BATCH	256

/**
 * hmip_anchor_bcache_dad_walk - visit every binding under DAD once
 * @bc: the cache
 * @step: called for each, under &hmip_bcache.lock (BHs off) and RCU; it
 *	must file the binding again (hmip_anchor_bcache_arm(), after a
 *	change of state or not) or delete it
 *
 * The list is moved aside whole and worked through in batches; the
 * expiry worker and hmip_anchor_bcache_flush() are kept out meanwhile, so that
 * every binding stays in a list they walk.
 *
 * Context: process.
 * Return: whether bindings remain under DAD.
 */
bool hmip_anchor_bcache_dad_walk(struct hmip_bcache *bc,
				 void (*step)(struct hmip_bcache *bc,
					      struct hmip_binding *b))
{
	struct hmip_binding *b;
	LIST_HEAD(aside);
	unsigned int n;
	bool more, again;

	mutex_lock(&bc->gc_mutex);
	spin_lock_bh(&bc->lock);
	list_splice_init(&bc->dad_list, &aside);
	spin_unlock_bh(&bc->lock);

	do {
		rcu_read_lock();
		spin_lock_bh(&bc->lock);
		for (n = 0; n < HMIP_BCACHE_DAD_BATCH && !list_empty(&aside);
		     n++) {
			b = list_first_entry(&aside, struct hmip_binding,
					     expiry);
			step(bc, b);
		}
		more = !list_empty(&aside);
		spin_unlock_bh(&bc->lock);
		rcu_read_unlock();
		cond_resched();
	} while (more);

	spin_lock_bh(&bc->lock);
	again = !list_empty(&bc->dad_list);
	spin_unlock_bh(&bc->lock);
	mutex_unlock(&bc->gc_mutex);
	return again;
}

/**
 * hmip_anchor_bcache_net_init - set up an empty cache
 * @bc: the cache, zeroed
 * @ops: its owner's callbacks
 *
 * Return: 0 or a negative errno.
 */
int hmip_anchor_bcache_net_init(struct hmip_bcache *bc,
				const struct hmip_bcache_ops *ops)
{
	unsigned int i;

	spin_lock_init(&bc->lock);
	mutex_init(&bc->gc_mutex);
	for (i = 0; i < HMIP_BCACHE_WHEEL_SLOTS; i++)
		INIT_LIST_HEAD(&bc->wheel[i]);
	INIT_DELAYED_WORK(&bc->gc, hmip_bcache_gc);
	INIT_LIST_HEAD(&bc->dad_list);
	bc->ops = ops;
	return rhashtable_init(&bc->ht, &hmip_bcache_params);
}

/* After every binding is gone (its owner flushed it). */
void hmip_anchor_bcache_net_exit(struct hmip_bcache *bc)
{
	cancel_delayed_work_sync(&bc->gc);
	WARN_ON_ONCE(bc->count);
	rhashtable_destroy(&bc->ht);
}

int __init hmip_anchor_bcache_module_init(void)
{
	/* The memory budget of a binding; lock debugging may exceed it. */
	BUILD_BUG_ON(!IS_ENABLED(CONFIG_DEBUG_LOCK_ALLOC) &&
		     sizeof(struct hmip_binding) > 256);
	hmip_binding_cache = KMEM_CACHE(hmip_binding, 0);
	return hmip_binding_cache ? 0 : -ENOMEM;
}

void hmip_anchor_bcache_module_exit(void)
{
	/* Frees queued by call_rcu() must be done before the cache goes. */
	rcu_barrier();
	kmem_cache_destroy(hmip_binding_cache);
}
