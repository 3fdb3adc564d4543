/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MAP's binding cache: RCoA -> LCoA, in an RCU hash table, expired by a
 * coarse timer wheel that one worker per netns turns once a second.
 */
#ifndef _HMIP_BCACHE_H
#define _HMIP_BCACHE_H

#include <linux/atomic.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rhashtable-types.h>
#include <linux/seqlock.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <net/ipv6.h>

struct hmip_map;
struct hmip_net;

/* Seconds per slot is one; a binding that lives longer than the wheel
 * turns is looked at once per turn until it is due.
 */
#define HMIP_BCACHE_WHEEL_SLOTS	256

enum hmip_binding_state {
	HMIP_BINDING_VALID,
	HMIP_BINDING_DAD,	/* new, waiting for DAD on the MAP's link */
};

/**
 * struct hmip_sa_id - the IPsec SA a binding belongs to, and what of it
 *	survives a rekey
 * @peer: the SA's source address (its props.saddr): the mobile node that
 *	keyed it, or the IKE peer that negotiated it
 * @selector: keyed digest of the SA's selector, mark and interface id
 *	(hmip_mh_protected())
 * @spi: its Security Parameter Index
 * @reqid: its request id, which IKE daemons keep across rekeys
 * @proto: IPPROTO_ESP or IPPROTO_AH; 0 when no SA is known
 *
 * The SA's destination is the MAP's address: xfrm found the SA by it, the
 * SPI and the protocol. No reference is held, so the SA may go while the
 * binding stays (RFC 4140 section 12.1).
 */
struct hmip_sa_id {
	struct in6_addr peer;
	u64 selector;
	__be32 spi;
	u32 reqid;
	u8 proto;
};

static inline bool hmip_sa_id_equal(const struct hmip_sa_id *a,
				    const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->spi == b->spi &&
	       a->reqid == b->reqid && a->selector == b->selector &&
	       ipv6_addr_equal(&a->peer, &b->peer);
}

/* The same SA, whatever its peer address became (IKE's MOBIKE moves it). */
static inline bool hmip_sa_id_same_sa(const struct hmip_sa_id *a,
				      const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->spi == b->spi;
}

/* What a rekey keeps: IKE replaces a CHILD_SA by one with a new SPI for
 * the same peer, selector and reqid, as "ip xfrm" does by hand.
 */
static inline bool hmip_sa_id_successor(const struct hmip_sa_id *a,
					const struct hmip_sa_id *b)
{
	return a->proto == b->proto && a->reqid == b->reqid &&
	       a->selector == b->selector && ipv6_addr_equal(&a->peer, &b->peer);
}

enum hmip_binding_gone {
	HMIP_BINDING_GONE_DELETED,
	HMIP_BINDING_GONE_EXPIRED,
};

/**
 * struct hmip_binding - one RCoA -> LCoA binding
 * @node: in &hmip_bcache.ht, keyed by @rcoa
 * @rcoa: regional care-of address (the key; never changes)
 * @lcoa: on-link care-of address
 * @map: the MAP that holds the binding
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
 * @rcu: for kfree_rcu()
 *
 * Everything but @node and @rcoa changes only under &hmip_bcache.lock.
 */
struct hmip_binding {
	struct rhash_head node;
	struct in6_addr rcoa;
	struct in6_addr lcoa;
	struct hmip_map *map;
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
	struct rcu_head rcu;
};

/**
 * struct hmip_bcache - the bindings of one netns
 * @ht: RCoA -> binding; lookups are lockless under RCU
 * @lock: serialises every change to the cache and its bindings
 * @gc_mutex: keeps hmip_bcache_flush() and the expiry worker apart
 * @wheel: bindings by the second they expire in, modulo the slot count
 * @wheel_sec: next second the worker looks at
 * @count: bindings held
 * @gc: the worker that expires bindings; runs while @count is non-zero
 * @dad_list: bindings waiting for DAD, instead of a wheel slot
 * @dad_work: finishes DAD (map_nd.c); runs while @dad_list is not empty
 * @hn: back pointer for the workers
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
	struct delayed_work dad_work;
	struct hmip_net *hn;
};

int hmip_bcache_module_init(void);
void hmip_bcache_module_uninit(void);
int hmip_bcache_init(struct hmip_net *hn);
void hmip_bcache_uninit(struct hmip_net *hn);

struct hmip_binding *hmip_bcache_lookup(struct hmip_net *hn,
					const struct in6_addr *rcoa);
struct hmip_binding *hmip_bcache_create(struct hmip_net *hn,
					struct hmip_map *map,
					const struct in6_addr *rcoa,
					const struct in6_addr *lcoa);
void hmip_bcache_update(struct hmip_net *hn, struct hmip_binding *b,
			const struct in6_addr *lcoa, u16 seq, u16 flags,
			u32 lifetime);
void hmip_bcache_arm(struct hmip_net *hn, struct hmip_binding *b);
void hmip_bcache_delete(struct hmip_net *hn, struct hmip_binding *b,
			enum hmip_binding_gone why);
void hmip_bcache_flush(struct hmip_net *hn, struct hmip_map *map,
		       enum hmip_binding_gone why);
void hmip_bcache_set_sa(struct hmip_net *hn, struct hmip_binding *b,
			const struct hmip_sa_id *sa);
void hmip_binding_lcoa(const struct hmip_binding *b, struct in6_addr *lcoa);
void hmip_binding_sa(const struct hmip_binding *b, struct hmip_sa_id *sa);

#endif /* _HMIP_BCACHE_H */
