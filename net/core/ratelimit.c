// SPDX-License-Identifier: GPL-2.0

#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/string.h>

#include "core/netns.h"
#include "core/ratelimit.h"
#include "core/stats.h"

void hmip_ratelimit_init(struct hmip_ratelimit *rl)
{
	rl->interval_ms = HMIP_RATELIMIT_DEFAULT_MS;
	rl->burst = HMIP_RATELIMIT_DEFAULT_BURST;
	get_random_bytes(&rl->key, sizeof(rl->key));
	spin_lock_init(&rl->lock);
}

/**
 * hmip_ratelimit_refill - give every destination a full bucket again
 * @rl: the limiter
 *
 * For a changed interval or burst: tokens saved under the old settings
 * mean nothing under the new ones.
 */
void hmip_ratelimit_refill(struct hmip_ratelimit *rl)
{
	spin_lock_bh(&rl->lock);
	memset(rl->slots, 0, sizeof(rl->slots));
	spin_unlock_bh(&rl->lock);
}

/**
 * hmip_ratelimit_allow - take a token for a message to @dst
 * @rl: the limiter
 * @dst: destination of the message about to be sent
 *
 * Context: any, including softirq.
 * Return: true if the message may be sent.
 */
bool hmip_ratelimit_allow(struct hmip_ratelimit *rl, const struct in6_addr *dst)
{
	u32 interval_ms = READ_ONCE(rl->interval_ms);
	u32 burst = READ_ONCE(rl->burst);
	struct hmip_ratelimit_slot *slot;
	unsigned long now = jiffies;
	unsigned long interval;
	unsigned long earned;
	bool allow = false;

	if (!interval_ms)
		return true;

	interval = max(msecs_to_jiffies(interval_ms), 1UL);
	slot = &rl->slots[siphash(dst, sizeof(*dst), &rl->key) %
			  HMIP_RATELIMIT_SLOTS];

	spin_lock_bh(&rl->lock);
	if (!slot->stamp) {
		/* Never used: a full bucket. */
		slot->tokens = burst;
		slot->stamp = now;
	}
	earned = (now - slot->stamp) / interval;
	slot->stamp += earned * interval;
	/* Clamps too when the burst was lowered since the last message. */
	slot->tokens = min_t(unsigned long, burst, slot->tokens + earned);
	if (slot->tokens) {
		slot->tokens--;
		allow = true;
	}
	spin_unlock_bh(&rl->lock);
	return allow;
}

/**
 * hmip_ratelimit_icmp_allow - may an ICMPv6 error from hmip go to @dst?
 * @hn: the netns's hmip state; its err_rl limiter decides
 * @dst: the error's destination, the offending packet's source
 *
 * The kernel's own limit (net.ipv6.icmp.ratelimit, ratemask) leaves
 * Packet Too Big out, and answers to packets for RCoAs are hmip's doing:
 * every error hmip sends takes a token here too, and a refusal is counted
 * in icmp_tx_ratelimited.
 *
 * Context: any, including softirq.
 * Return: true if the error may be sent.
 */
bool hmip_ratelimit_icmp_allow(struct hmip_net *hn, const struct in6_addr *dst)
{
	if (hmip_ratelimit_allow(&hn->err_rl, dst))
		return true;
	HMIP_INC_STATS(hn, ICMP_TX_RATELIMITED);
	return false;
}
