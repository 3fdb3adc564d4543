/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A binding cache: RCoA -> LCoA (for a home agent: home address -> care-of
 * address), in an RCU hash table, expired by a coarse timer wheel that one
 * worker turns once a second. The role that owns the cache (the MAP) is
 * told of every binding that goes through &struct hmip_bcache_ops; the
 * cache itself sends no event and counts nothing.
 */
#ifndef _HMIP_ANCHOR_BCACHE_H
#define _HMIP_ANCHOR_BCACHE_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

#include "mh/xfrm.h"

struct hmip_bcache;
struct hmip_tunnel_route;

/* Seconds per slot is one; a binding that lives longer than the wheel
 * turns is looked at once per turn until it is due.
 */
#define HMIP_BCACHE_WHEEL_SLOTS	256

enum hmip_binding_state {
	HMIP_BINDING_VALID,
	HMIP_BINDING_DAD,	/* new, waiting for DAD on the MAP's link */
	HMIP_BINDING_DEREG,	/* deregistered, kept to refuse late updates */
};

enum hmip_binding_gone {
	HMIP_BINDING_GONE_DELETED,
	HMIP_BINDING_GONE_EXPIRED,
};

/**
 * struct hmip_binding - one RCoA -> LCoA binding
 * @node: in &hmip_bcache.ht, keyed by @rcoa
 * @rcoa: regional care-of address (the key; never changes)
 * @lcoa: on-link care-of address
 * @bicast_lcoa: the LCoA a Fast Binding Update moved the binding from,
 *	which receives a copy of every packet until @bicast_until
 * @bicast_until: jiffies when bicasting ends; not after the binding is
 *	changed again (RFC 4140 Appendix A)
 * @owner: what in the role holds the binding (the MAP's &struct hmip_map)
 * @sa: the SA the binding belongs to (the one that created it, or its
 *	successor after a rekey), when require-ipsec was on
 * @seqcount: lets lockless readers copy @lcoa and @sa consistently
 * @seq: last accepted sequence number
 * @flags: flags of the last accepted Binding Update
 * @state: &enum hmip_binding_state
 * @dad_failed: DAD saw the RCoA in use; set locklessly by the ND hook
 * @dad_probes: Neighbour Solicitations DAD has still to send
 * @lifetime: seconds granted by the last accepted Binding Update
 * @expires: jiffies when the binding expires, or when DAD ends
 * @created: jiffies_64 when created
 * @refreshed: jiffies_64 of the last accepted Binding Update
 * @expiry: in a slot of &hmip_bcache.wheel
 * @tx_packets: packets tunnelled to @lcoa
 * @tx_bytes: their bytes (inner packets)
 * @rx_packets: packets the mobile node tunnelled back
 * @rx_bytes: their bytes (inner packets)
 * @route: the outer route to @lcoa, cached by the tunnel once the binding
 *	carries traffic (tunnel.c); freed with the binding
 * @rcu: for call_rcu()
 *
 * Everything but @node and @rcoa changes only under &hmip_bcache.lock.
 */
struct hmip_binding {
	struct rhash_head node;
	struct in6_addr rcoa;
	struct in6_addr lcoa;
	struct in6_addr bicast_lcoa;
	unsigned long bicast_until;
	void *owner;
	struct hmip_sa_id sa;
	seqcount_t seqcount;
	u16 seq;
	u16 flags;
	u8 state;
	bool dad_failed;
	u8 dad_probes;
	u32 lifetime;
	unsigned long expires;
	u64 created;
	u64 refreshed;
	struct list_head expiry;
	atomic64_t tx_packets;
	atomic64_t tx_bytes;
	atomic64_t rx_packets;
	atomic64_t rx_bytes;
	struct hmip_tunnel_route __rcu *route;
	struct rcu_head rcu;
};

/**
 * struct hmip_bcache - the bindings of one netns
 * @ht: RCoA -> binding; lookups are lockless under RCU
 * @lock: serialises every change to the cache and its bindings
 * @gc_mutex: keeps hmip_anchor_bcache_flush() and the expiry worker apart
 * @wheel: bindings by the second they expire in, modulo the slot count
 * @wheel_sec: next second the worker looks at
 * @count: bindings held
 * @gc: the worker that expires bindings; runs while @count is non-zero
 * @dad_list: bindings waiting for DAD, instead of a wheel slot; the role
 *	walks it (hmip_anchor_bcache_dad_walk())
 * @ops: the owner's callbacks
 */
struct hmip_bcache {
	struct rhashtable ht;
	spinlock_t lock;	/* see above */
	struct mutex gc_mutex;	/* see above */
	struct list_head wheel[HMIP_BCACHE_WHEEL_SLOTS];
	unsigned long wheel_sec;
	unsigned int count;
	struct delayed_work gc;
	struct list_head dad_list;
	const struct hmip_bcache_ops *ops;
};

/**
 * struct hmip_bcache_ops - what the cache tells the role that owns it
 * @gone: @b leaves the cache (freed after an RCU grace period): the role
 *	announces and counts it. Called under &hmip_bcache.lock, BHs off.
 */
struct hmip_bcache_ops {
	void (*gone)(struct hmip_bcache *bc, struct hmip_binding *b,
		     enum hmip_binding_gone why);
};

int hmip_anchor_bcache_module_init(void);
void hmip_anchor_bcache_module_exit(void);
int hmip_anchor_bcache_net_init(struct hmip_bcache *bc,
				const struct hmip_bcache_ops *ops);
void hmip_anchor_bcache_net_exit(struct hmip_bcache *bc);

struct hmip_binding *hmip_anchor_bcache_lookup(struct hmip_bcache *bc,
					       const struct in6_addr *rcoa);
struct hmip_binding *hmip_anchor_bcache_create(struct hmip_bcache *bc,
					       void *owner,
					       const struct in6_addr *rcoa,
					const struct in6_addr *lcoa);
void hmip_anchor_bcache_update(struct hmip_bcache *bc, struct hmip_binding *b,
			       const struct in6_addr *lcoa, u16 seq, u16 flags,
			u32 lifetime);
void hmip_anchor_bcache_fast(struct hmip_bcache *bc, struct hmip_binding *b,
			     const struct in6_addr *ncoa, u16 seq, u16 flags,
			     unsigned long bicast);
void hmip_anchor_bcache_arm(struct hmip_bcache *bc, struct hmip_binding *b);
void hmip_anchor_bcache_delete(struct hmip_bcache *bc, struct hmip_binding *b,
			       enum hmip_binding_gone why);
void hmip_anchor_bcache_flush(struct hmip_bcache *bc, void *owner,
			      enum hmip_binding_gone why);
void hmip_anchor_bcache_set_sa(struct hmip_bcache *bc, struct hmip_binding *b,
			       const struct hmip_sa_id *sa);
void hmip_anchor_bcache_for_each(struct hmip_bcache *bc, const void *owner,
				 void (*visit)(struct hmip_binding *b,
					       void *arg),
				 void *arg);
bool hmip_anchor_bcache_dad_walk(struct hmip_bcache *bc,
				 void (*step)(struct hmip_bcache *bc,
					      struct hmip_binding *b));
void hmip_anchor_bcache_binding_lcoa(const struct hmip_binding *b,
				     struct in6_addr *lcoa);
bool hmip_anchor_bcache_binding_bicast(const struct hmip_binding *b,
				       struct in6_addr *lcoa,
				       struct in6_addr *old);
void hmip_anchor_bcache_binding_sa(const struct hmip_binding *b,
				   struct hmip_sa_id *sa);

#endif /* _HMIP_ANCHOR_BCACHE_H */
