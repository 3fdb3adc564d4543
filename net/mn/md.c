// SPDX-License-Identifier: GPL-2.0
/*
 * Movement detection of the mobile node (RFC 6275 section 11.5.1), beyond
 * the link events mn.c hears:
 *
 * - a Router Solicitation as soon as the link comes up, without the
 *   random delay and the DAD of the link-local address the kernel's own
 *   waits for (RFC 4861 section 6.3.7; from the unspecified address while
 *   the link-local one is tentative, without a Source Link-Layer Address
 *   from an optimistic one, RFC 4429 section 3.2);
 * - the default router's Advertisement Interval (section 7.3): when it
 *   passed one and a half times without an advertisement, unicast
 *   Neighbour Solicitations ask whether the router is still reachable;
 *   unanswered, it is lost. A new router heard while the default router
 *   advertises no interval asks the same question;
 * - the kernel's Neighbour Unreachability Detection failing for the
 *   default router (a netevent).
 *
 * A lost router's prefixes and MAP options go; another router heard
 * lately takes its place, or a Router Solicitation asks for one. The
 * worker (reg.c) then finds the new LCoA and registers it as after a
 * link change.
 *
 * The role also turns on optimistic DAD (RFC 4429) on its interface where
 * the kernel has it, so that the new LCoA is usable, and the Binding
 * Update leaves, before DAD ends.
 */
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ip6_route.h>
#include <net/ndisc.h>
#include <net/neighbour.h>
#include <net/netevent.h>
#include <linux/rtnetlink.h>

#include "mn/mn.h"
#include "mn/nl.h"
#include "core/netns.h"
#include "nd/send.h"

/* Room for the Source Link-Layer Address option of any device with an
 * address of up to 30 octets; longer ones go without it.
 */
#define HMIP_MN_MD_LLA_MAX	32

/* Sends the Neighbour Discovery message @hdr (@len octets, room for the
 * option after it) from @saddr to @daddr out of @dev, with a Source
 * Link-Layer Address option when @sllao.
 */
static int hmip_mn_md_send(struct hmip_mn *mn, struct net_device *dev,
			   const struct in6_addr *saddr,
			   const struct in6_addr *daddr, u8 type,
			   u8 *msg, unsigned int len, bool sllao)
{
	struct hmip_net *hn = mn->hn;
	unsigned int optlen;
	struct dst_entry *dst;
	struct flowi6 fl6;

	optlen = ALIGN(2 + dev->addr_len, 8);
	if (sllao && dev->addr_len && optlen <= HMIP_MN_MD_LLA_MAX) {
		memset(msg + len, 0, optlen);
		msg[len] = ND_OPT_SOURCE_LL_ADDR;
		msg[len + 1] = optlen / 8;
		memcpy(msg + len + 2, dev->dev_addr, dev->addr_len);
		len += optlen;
	}
	memset(&fl6, 0, sizeof(fl6));
	fl6.flowi6_proto = IPPROTO_ICMPV6;
	fl6.flowi6_oif = dev->ifindex;
	fl6.fl6_icmp_type = type;
	fl6.saddr = *saddr;
	fl6.daddr = *daddr;
	dst = ip6_route_output(hn->net, hn->nd_sk, &fl6);
	if (dst->error) {
		int err = dst->error;

		dst_release(dst);
		return err;
	}
	return hmip_nd_send_icmp(hn, &fl6, dst, msg, len, GFP_KERNEL);
}

/* A Router Solicitation to all routers (RFC 4861 section 4.1). */
static void hmip_mn_md_send_rs(struct hmip_mn *mn, struct net_device *dev)
{
	struct {
		struct rs_msg rs;
		u8 opt[HMIP_MN_MD_LLA_MAX];
	} msg = { .rs.icmph.icmp6_type = NDISC_ROUTER_SOLICITATION };
	struct in6_addr saddr = in6addr_any;
	bool optimistic = false;
	int err;

	if (!hmip_nd_lladdr(dev, &saddr, &optimistic))
		saddr = in6addr_any;
	err = hmip_mn_md_send(mn, dev, &saddr, &in6addr_linklocal_allrouters,
			      NDISC_ROUTER_SOLICITATION, (u8 *)&msg,
			      sizeof(msg.rs),
			      !optimistic && !ipv6_addr_any(&saddr));
	if (err) {
		HMIP_INC_STATS(mn->hn, MN_RS_TX_ERROR);
		return;
	}
	HMIP_INC_STATS(mn->hn, MN_RS_TX);
	mn->md.rs_sent++;
}

/* A unicast Neighbour Solicitation to @router (RFC 6275 section 11.5.1:
 * "waiting for a Neighbor Advertisement with the Solicited flag set").
 */
static void hmip_mn_md_send_ns(struct hmip_mn *mn, struct net_device *dev,
			       const struct in6_addr *router)
{
	struct {
		struct nd_msg ns;
		u8 opt[HMIP_MN_MD_LLA_MAX];
	} msg = {
		.ns.icmph.icmp6_type = NDISC_NEIGHBOUR_SOLICITATION,
		.ns.target = *router,
	};
	struct in6_addr saddr;
	bool optimistic;

	if (!hmip_nd_lladdr(dev, &saddr, &optimistic) ||
	    hmip_mn_md_send(mn, dev, &saddr, router,
			    NDISC_NEIGHBOUR_SOLICITATION, (u8 *)&msg,
			    sizeof(msg.ns), !optimistic)) {
		HMIP_INC_STATS(mn->hn, MN_ROUTER_PROBE_ERROR);
		return;
	}
	HMIP_INC_STATS(mn->hn, MN_ROUTER_PROBES);
}

/* Whether the kernel's neighbour entry of @router says it answered since
 * @since (a solicited advertisement, or an upper layer's confirmation),
 * and whether it failed.
 */
static bool hmip_mn_md_confirmed(struct net_device *dev,
				 const struct in6_addr *router,
				 unsigned long since, bool *failed)
{
	struct neighbour *n;
	bool ok;

	*failed = false;
	n = neigh_lookup(&nd_tbl, router, dev);
	if (!n)
		return false;
	*failed = READ_ONCE(n->nud_state) & NUD_FAILED;
	ok = !*failed && time_after_eq(READ_ONCE(n->confirmed), since);
	neigh_release(n);
	return ok;
}

/* What NUD found out, in the kernel's table too: the routing table then
 * prefers the other default routers (RFC 4861 section 6.3.6).
 */
static void hmip_mn_md_neigh_failed(struct net_device *dev,
				    const struct in6_addr *router)
{
	struct neighbour *n;

	n = neigh_lookup(&nd_tbl, router, dev);
	if (!n)
		return;
	neigh_update(n, NULL, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE, 0);
	neigh_release(n);
}

/* Drops what @router said; takes the other router heard lately, if any. */
static void hmip_mn_md_lost(struct hmip_mn *mn, struct net_device *dev,
			    const struct in6_addr *router, int mib,
			    unsigned long now)
{
	struct hmip_mn_router *alt = &mn->alt;
	bool taken = false;
	unsigned int i;

	spin_lock_bh(&mn->lock);
	if (!ipv6_addr_equal(&mn->router, router)) {
		spin_unlock_bh(&mn->lock);
		return;
	}
	for (i = 0; i < mn->n_opts;) {
		if (ipv6_addr_equal(&mn->opts[i].router, router)) {
			mn->opts[i] = mn->opts[--mn->n_opts];
			continue;
		}
		i++;
	}
	if (!ipv6_addr_any(&alt->addr) && !ipv6_addr_equal(&alt->addr, router) &&
	    time_before(now, alt->heard + HMIP_MN_ALT_FRESH)) {
		mn->router = alt->addr;
		memcpy(mn->prefixes, alt->prefixes,
		       alt->n_prefixes * sizeof(alt->prefixes[0]));
		mn->n_prefixes = alt->n_prefixes;
		mn->router_heard = alt->heard;
		mn->router_adv_ms = alt->adv_ms;
		if (alt->adv_ms && !mn->dead)
			mod_timer(&mn->silence,
				  alt->heard + hmip_mn_md_deadline(alt->adv_ms));
		taken = true;
	} else {
		/* Nothing decided until the next advertisement. */
		mn->router = in6addr_any;
		mn->n_prefixes = 0;
		mn->heard_ra = false;
	}
	memset(alt, 0, sizeof(*alt));
	mn->router_failed = false;
	spin_unlock_bh(&mn->lock);

	HMIP_INC_STATS_IDX(mn->hn, mib);
	if (taken)
		HMIP_INC_STATS(mn->hn, MN_ROUTER_CHANGES);
	mn->md.probes = 0;
	mn->md.alive_until = 0;
	if (mib != HMIP_MIB_MN_ROUTER_LOST_NUD)
		hmip_mn_md_neigh_failed(dev, router);
	hmip_mn_nl_event(mn, HMIP_EVENT_MN_ROUTER_LOST);
	/* Section 11.5.1: "proceed to multicasting a Router Solicitation". */
	hmip_mn_md_send_rs(mn, dev);
}

/**
 * hmip_mn_md_deadline - how long a router may be silent
 * @adv_ms: its Advertisement Interval
 *
 * One and a half intervals: one advertisement at least was missed, with
 * room for jitter (section 11.5.1 leaves how many to the node).
 *
 * Return: jiffies.
 */
unsigned long hmip_mn_md_deadline(u32 adv_ms)
{
	return msecs_to_jiffies(adv_ms + adv_ms / 2);
}

/* The default router missed its interval: the worker probes it. */
void hmip_mn_md_silence(struct timer_list *t)
{
	struct hmip_mn *mn = from_timer(mn, t, silence);

	hmip_mn_kick(mn);
}

static unsigned long hmip_mn_md_wait(u32 adv_ms)
{
	return clamp_t(unsigned long, msecs_to_jiffies(adv_ms),
		       HMIP_MN_PROBE_WAIT_MIN, HMIP_MN_PROBE_WAIT_MAX);
}

/**
 * hmip_mn_md_tick - movement detection's turn in the worker
 * @mn: the mobile node
 * @now: jiffies
 *
 * Sends the Router Solicitation a link-up asked for, probes a silent
 * default router, and declares it lost when it does not answer.
 *
 * Context: process; caller holds mn->mutex.
 * Return: jiffies when it must run again, or 0 for no deadline.
 */
unsigned long hmip_mn_md_tick(struct hmip_mn *mn, unsigned long now)
{
	struct hmip_mn_md *md = &mn->md;
	bool rs, failed, nud_failed, alt_new;
	struct in6_addr router;
	unsigned long heard, silent, due;
	struct net_device *dev;
	u32 adv_ms;
	int mib;

	dev = dev_get_by_index(mn->hn->net, mn->ifindex);
	if (!dev)
		return 0;
	spin_lock_bh(&mn->lock);
	rs = mn->rs_due && !mn->heard_ra;
	mn->rs_due = false;
	router = mn->router;
	heard = mn->router_heard;
	adv_ms = mn->router_adv_ms;
	failed = mn->router_failed;
	/* Heard since the router's last advertisement and since it last
	 * answered a probe.
	 */
	alt_new = !ipv6_addr_any(&mn->alt.addr) &&
		  time_after(mn->alt.heard, heard) &&
		  (!md->alive_until ||
		   time_after(mn->alt.heard,
			      md->alive_until - HMIP_MN_SILENT_RECHECK));
	spin_unlock_bh(&mn->lock);

	due = 0;
	if (rs)
		hmip_mn_md_send_rs(mn, dev);
	if (ipv6_addr_any(&router) || !netif_running(dev) ||
	    !netif_carrier_ok(dev)) {
		md->probes = 0;
		goto out;
	}
	if (failed) {
		hmip_mn_md_lost(mn, dev, &router, HMIP_MIB_MN_ROUTER_LOST_NUD,
				now);
		goto out;
	}
	mib = adv_ms ? HMIP_MIB_MN_ROUTER_LOST_ADV_INTERVAL :
		       HMIP_MIB_MN_ROUTER_LOST_NEW_ROUTER;
	if (md->probes) {
		/* An advertisement or a solicited advertisement answers. */
		if (time_after_eq(heard, md->probe_start) ||
		    hmip_mn_md_confirmed(dev, &router, md->probe_start,
					 &nud_failed)) {
			HMIP_INC_STATS(mn->hn, MN_ROUTER_CONFIRMED);
			md->probes = 0;
			md->alive_until = now + HMIP_MN_SILENT_RECHECK;
		} else if (nud_failed) {
			hmip_mn_md_lost(mn, dev, &router,
					HMIP_MIB_MN_ROUTER_LOST_NUD, now);
			goto out;
		} else if (time_before(now, md->probe_sent +
					    hmip_mn_md_wait(adv_ms))) {
			due = md->probe_sent + hmip_mn_md_wait(adv_ms);
			goto out;
		} else if (md->probes < HMIP_MN_PROBES) {
			md->probes++;
			md->probe_sent = now;
			hmip_mn_md_send_ns(mn, dev, &router);
			due = now + hmip_mn_md_wait(adv_ms);
			goto out;
		} else {
			hmip_mn_md_lost(mn, dev, &router, mib, now);
			goto out;
		}
	}

	silent = heard;
	if (md->alive_until && time_after(md->alive_until, silent))
		silent = md->alive_until;
	if (adv_ms) {
		due = silent + hmip_mn_md_deadline(adv_ms);
		if (time_before(now, due)) {
			/* The silence timer wakes the worker, unless the
			 * router answered a probe since.
			 */
			if (silent == heard)
				due = 0;
			goto out;
		}
	} else if (!alt_new || time_before(now, silent)) {
		due = alt_new ? silent : 0;
		goto out;
	}
	md->probes = 1;
	md->probe_start = now;
	md->probe_sent = now;
	hmip_mn_md_send_ns(mn, dev, &router);
	due = now + hmip_mn_md_wait(adv_ms);
out:
	dev_put(dev);
	return due;
}

/* The kernel's NUD gave up on a neighbour: the default router is a hint
 * of movement (section 11.5.1). Any context but hard IRQ.
 */
static int hmip_mn_md_netevent(struct notifier_block *nb,
			       unsigned long event, void *ptr)
{
	struct neighbour *n = ptr;
	struct hmip_mn *mn;

	if (event != NETEVENT_NEIGH_UPDATE || n->tbl != &nd_tbl ||
	    !(READ_ONCE(n->nud_state) & NUD_FAILED))
		return NOTIFY_DONE;
	rcu_read_lock();
	mn = hmip_mn_lookup(hmip_net(dev_net(n->dev)), n->dev->ifindex);
	if (mn) {
		spin_lock_bh(&mn->lock);
		if (ipv6_addr_equal(&mn->router,
				    (const struct in6_addr *)n->primary_key) &&
		    !mn->dead) {
			mn->router_failed = true;
			mod_delayed_work(system_wq, &mn->work, 0);
		}
		spin_unlock_bh(&mn->lock);
	}
	rcu_read_unlock();
	return NOTIFY_DONE;
}

static struct notifier_block hmip_mn_md_netevent_nb = {
	.notifier_call = hmip_mn_md_netevent,
};

/**
 * hmip_mn_md_dev_init - optimistic DAD on the role's interface
 * @mn: the mobile node, not yet listed
 * @dev: its interface
 *
 * RFC 4429: new addresses are usable at once, DAD going on. Where the
 * kernel was built without CONFIG_IPV6_OPTIMISTIC_DAD addresses wait for
 * DAD as before. The previous values are restored by
 * hmip_mn_md_dev_restore().
 *
 * Context: process; caller holds the RTNL.
 */
void hmip_mn_md_dev_init(struct hmip_mn *mn, struct net_device *dev)
{
#ifdef CONFIG_IPV6_OPTIMISTIC_DAD
	struct inet6_dev *idev = __in6_dev_get(dev);
#endif

	mn->saved_optimistic_dad = -1;
	mn->saved_use_optimistic = -1;
#ifdef CONFIG_IPV6_OPTIMISTIC_DAD
	if (!idev)
		return;
	mn->saved_optimistic_dad = idev->cnf.optimistic_dad;
	mn->saved_use_optimistic = idev->cnf.use_optimistic;
	WRITE_ONCE(idev->cnf.optimistic_dad, 1);
	WRITE_ONCE(idev->cnf.use_optimistic, 1);
#endif
}

/**
 * hmip_mn_md_dev_restore - the interface's settings from before the role
 * @mn: the mobile node, unlisted
 *
 * Context: process; takes the RTNL.
 */
void hmip_mn_md_dev_restore(struct hmip_mn *mn)
{
#ifdef CONFIG_IPV6_OPTIMISTIC_DAD
	struct inet6_dev *idev;
	struct net_device *dev;

	if (mn->saved_optimistic_dad < 0)
		return;
	rtnl_lock();
	dev = __dev_get_by_index(mn->hn->net, mn->ifindex);
	idev = dev ? __in6_dev_get(dev) : NULL;
	if (idev) {
		WRITE_ONCE(idev->cnf.optimistic_dad, mn->saved_optimistic_dad);
		WRITE_ONCE(idev->cnf.use_optimistic, mn->saved_use_optimistic);
	}
	rtnl_unlock();
#endif
}

int hmip_mn_md_module_init(void)
{
	return register_netevent_notifier(&hmip_mn_md_netevent_nb);
}

void hmip_mn_md_module_exit(void)
{
	unregister_netevent_notifier(&hmip_mn_md_netevent_nb);
}
