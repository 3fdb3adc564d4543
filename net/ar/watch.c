// SPDX-License-Identifier: GPL-2.0
/*
 * MAP failure detection on an access router (RFC 4140 section 10).
 *
 * Each watched option has a worker that sends an ICMPv6 echo request to
 * its MAP every probe interval (10 s). When one goes unanswered until the
 * next is due, the worker probes every retry interval (5 s); when nothing
 * answers for the retry time (15 s), the MAP is declared failed: its
 * option goes out with valid lifetime 0 and an event is sent. Probing
 * goes on at the retry interval; the first answer restores the option's
 * lifetime (another event). With the defaults a MAP that stops answering
 * is declared failed 25 to 35 s later, and a failed MAP that comes back
 * is restored within 10 s (its first reply, to the next echo request,
 * is seen at the check after it).
 *
 * The echo requests carry a per-netns identifier; the LOCAL_IN hook of
 * ra.c hands the replies with it to hmip_ar_watch_reply(), which only
 * records the time: the worker alone changes the state.
 */

#include <linux/icmpv6.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>

#include "ar/ar.h"
#include "ar/nl.h"
#include "core/netns.h"
#include "nd/send.h"

static void hmip_ar_watch_send(struct hmip_ar_opt *opt)
{
	struct hmip_net *hn = opt->hn;
	struct dst_entry *dst;
	struct icmp6hdr echo = {
		.icmp6_type = ICMPV6_ECHO_REQUEST,
		.icmp6_identifier = htons(hn->ar->echo_id),
		.icmp6_sequence = htons(opt->seq++),
	};
	struct flowi6 fl6;

	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.daddr = opt->info.addr;
	fl6.fl6_icmp_type = ICMPV6_ECHO_REQUEST;

	dst = ip6_dst_lookup_flow(hn->net, hn->nd_sk, &fl6, NULL);
	if (IS_ERR(dst) ||
	    hmip_nd_send_icmp(hn, &fl6, dst, &echo, sizeof(echo), GFP_KERNEL))
		HMIP_INC_STATS(hn, AR_ECHO_TX_ERROR);
	else
		HMIP_INC_STATS(hn, AR_ECHO_TX);
}

static void hmip_ar_watch_event(struct hmip_ar_opt *opt, u32 event)
{
	rcu_read_lock();
	hmip_ar_nl_event(opt->hn, opt, event);
	rcu_read_unlock();
}

void hmip_ar_watch_work(struct work_struct *work)
{
	struct hmip_ar_opt *opt = container_of(to_delayed_work(work),
					       struct hmip_ar_opt, work);
	struct hmip_net *hn = opt->hn;
	unsigned long now = jiffies;
	bool answered;
	u32 next_ms;

	/* An answer to the last echo request, or to any since. */
	answered = time_after_eq(READ_ONCE(opt->last_reply), opt->last_probe);

	switch (opt->state) {
	case HMIP_AR_WATCH_OK:
		if (!answered) {
			WRITE_ONCE(opt->state, HMIP_AR_WATCH_PROBING);
			opt->retry_start = now;
		}
		break;
	case HMIP_AR_WATCH_PROBING:
		if (answered) {
			WRITE_ONCE(opt->state, HMIP_AR_WATCH_OK);
		} else if (time_after_eq(now, opt->retry_start +
					 msecs_to_jiffies(opt->watch.retry_time_ms))) {
			WRITE_ONCE(opt->state, HMIP_AR_WATCH_FAILED);
			HMIP_INC_STATS(hn, AR_MAP_FAILED);
			pr_info("MAP %pI6c does not answer: advertised with valid lifetime 0\n",
				&opt->info.addr);
			hmip_ar_watch_event(opt, HMIP_EVENT_AR_MAP_FAILED);
		}
		break;
	case HMIP_AR_WATCH_FAILED:
		if (answered) {
			WRITE_ONCE(opt->state, HMIP_AR_WATCH_OK);
			HMIP_INC_STATS(hn, AR_MAP_RECOVERED);
			pr_info("MAP %pI6c answers again\n", &opt->info.addr);
			hmip_ar_watch_event(opt, HMIP_EVENT_AR_MAP_RECOVERED);
		}
		break;
	}

	opt->last_probe = jiffies;
	hmip_ar_watch_send(opt);
	next_ms = opt->state == HMIP_AR_WATCH_OK ? opt->watch.probe_ms :
						   opt->watch.retry_ms;
	queue_delayed_work(system_power_efficient_wq, &opt->work,
			   msecs_to_jiffies(next_ms));
}

/* Under hmip_ar.lock: the MAP is assumed alive until it fails to answer. */
void hmip_ar_watch_start(struct hmip_ar_opt *opt)
{
	opt->last_probe = jiffies;
	WRITE_ONCE(opt->last_reply, opt->last_probe);
	WRITE_ONCE(opt->state, HMIP_AR_WATCH_OK);
	/* The first echo request goes out at once, the verdict on it
	 * a probe interval later.
	 */
	queue_delayed_work(system_power_efficient_wq, &opt->work, 0);
}

/* Under hmip_ar.lock: the option goes back to its configured lifetime. */
void hmip_ar_watch_stop(struct hmip_ar_opt *opt)
{
	cancel_delayed_work_sync(&opt->work);
	WRITE_ONCE(opt->state, HMIP_AR_WATCH_OFF);
}

/* From the LOCAL_IN hook (RCU): an echo reply of ours from @from. */
void hmip_ar_watch_reply(struct hmip_net *hn, const struct in6_addr *from)
{
	struct hmip_ar_opt *opt;

	HMIP_INC_STATS(hn, AR_ECHO_RX);
	list_for_each_entry_rcu(opt, &hn->ar->opts, list)
		if (READ_ONCE(opt->state) != HMIP_AR_WATCH_OFF &&
		    ipv6_addr_equal(&opt->info.addr, from))
			WRITE_ONCE(opt->last_reply, jiffies);
}
