/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A per-destination token bucket for the messages hmip sends in answer to
 * received packets, so the module cannot be turned into a reflector.
 */
#ifndef _HMIP_RATELIMIT_H
#define _HMIP_RATELIMIT_H

#include <linux/in6.h>
#include <linux/siphash.h>
#include <linux/spinlock.h>
#include <linux/types.h>

struct hmip_net;

/* Destinations hash into a fixed table: memory stays bounded whatever the
 * number of senders; two destinations that share a slot share a budget,
 * which errs on the side of sending less.
 */
#define HMIP_RATELIMIT_SLOTS	512

#define HMIP_RATELIMIT_DEFAULT_MS	100
#define HMIP_RATELIMIT_DEFAULT_BURST	10
#define HMIP_RATELIMIT_MAX_MS		3600000
#define HMIP_RATELIMIT_MAX_BURST	1000

struct hmip_ratelimit_slot {
	unsigned long stamp;
	u32 tokens;
};

/**
 * struct hmip_ratelimit - per-destination token buckets
 * @interval_ms: one token is earned per @interval_ms; 0 means no limit
 * @burst: most tokens a destination can hold
 * @key: random siphash key, so remote senders cannot aim at one slot
 * @lock: protects @slots
 * @slots: the buckets
 */
struct hmip_ratelimit {
	u32 interval_ms;
	u32 burst;
	siphash_key_t key;
	spinlock_t lock;	/* protects @slots */
	struct hmip_ratelimit_slot slots[HMIP_RATELIMIT_SLOTS];
};

void hmip_ratelimit_init(struct hmip_ratelimit *rl);
bool hmip_ratelimit_allow(struct hmip_ratelimit *rl, const struct in6_addr *dst);
void hmip_ratelimit_refill(struct hmip_ratelimit *rl);
bool hmip_ratelimit_icmp_allow(struct hmip_net *hn, const struct in6_addr *dst);

#endif /* _HMIP_RATELIMIT_H */
