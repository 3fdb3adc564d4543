// SPDX-License-Identifier: GPL-2.0
/*
 * The access router's configuration: the MAP options of each interface,
 * the relays, and the netfilter hooks that exist while either has an
 * entry or the netns is a MAP (which advertises its own option, RFC 4140
 * section 7.1.2). Changes run under hmip_ar.lock (from generic netlink,
 * or netns exit); the packet path reads the lists under RCU.
 */

#include <linux/netfilter_ipv6.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include "ar/ar.h"
#include "ar/nl.h"
#include "core/netns.h"

static int hmip_ar_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr);

/**
 * hmip_ar_net_init - the access router role's state of a namespace
 * @hn: hmip state of the netns, its core set up
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_ar_net_init(struct hmip_net *hn)
{
	struct hmip_ar *ar;
	int err;

	ar = kzalloc(sizeof(*ar), GFP_KERNEL);
	if (!ar)
		return -ENOMEM;
	hn->ar = ar;

	mutex_init(&ar->lock);
	INIT_LIST_HEAD(&ar->opts);
	INIT_LIST_HEAD(&ar->relays);
	spin_lock_init(&ar->learned_lock);
	INIT_LIST_HEAD(&ar->learned);
	INIT_LIST_HEAD(&ar->nbrs);
	mutex_init(&ar->hook_lock);
	ar->hn = hn;
	hmip_ar_buffer_net_init(ar);
	ar->rfc = HMIP_RFC_5380;
	ar->echo_id = get_random_u32() & 0xffff;

	ar->hooks[0].hook = hmip_ar_ra_out;
	ar->hooks[0].priv = hn;
	ar->hooks[0].pf = NFPROTO_IPV6;
	ar->hooks[0].hooknum = NF_INET_POST_ROUTING;
	/* Last: whatever else changes the advertisement comes first. */
	ar->hooks[0].priority = NF_IP6_PRI_LAST;
	ar->hooks[1].hook = hmip_ar_ra_in;
	ar->hooks[1].priv = hn;
	ar->hooks[1].pf = NFPROTO_IPV6;
	ar->hooks[1].hooknum = NF_INET_LOCAL_IN;
	/* After the filter table: what the firewall drops is not learned. */
	ar->hooks[1].priority = NF_IP6_PRI_LAST;

	ar->netdev_nb.notifier_call = hmip_ar_netdev_event;
	err = register_netdevice_notifier_net(hn->net, &ar->netdev_nb);
	if (err) {
		kfree(ar);
		hn->ar = NULL;
	}
	return err;
}

/**
 * hmip_ar_own_register - name who lists this node's own MAP options
 * @hn: hmip state of the netns
 * @fn: the MAP role's walk of its MAPs, or NULL when the role goes
 *
 * Context: per-netns init and exit, when no advertisement can leave.
 */
void hmip_ar_own_register(struct hmip_net *hn, hmip_ar_own_collect_t fn)
{
	WRITE_ONCE(hn->ar->own_collect, fn);
}

/**
 * hmip_ar_hooks_get - take a reference on the access router's hooks
 * @hn: hmip state of the netns
 *
 * The first reference registers them.
 *
 * Return: 0, or the error of nf_register_net_hooks().
 */
int hmip_ar_hooks_get(struct hmip_net *hn)
{
	struct hmip_ar *ar = hn->ar;
	int err = 0;

	mutex_lock(&ar->hook_lock);
	if (!ar->hook_users)
		err = nf_register_net_hooks(hn->net, ar->hooks,
					    ARRAY_SIZE(ar->hooks));
	if (!err)
		ar->hook_users++;
	mutex_unlock(&ar->hook_lock);
	return err;
}

/* The last reference unregisters them; no hook runs afterwards. */
void hmip_ar_hooks_put(struct hmip_net *hn)
{
	struct hmip_ar *ar = hn->ar;

	mutex_lock(&ar->hook_lock);
	if (!WARN_ON(!ar->hook_users) && !--ar->hook_users)
		nf_unregister_net_hooks(hn->net, ar->hooks,
					ARRAY_SIZE(ar->hooks));
	mutex_unlock(&ar->hook_lock);
}

void hmip_ar_opt_defaults(struct hmip_map_info *info,
			  struct hmip_ar_watch *watch, struct hmip_ar_hi_cfg *hi)
{
	memset(info, 0, sizeof(*info));
	info->dist = HMIP_AR_DEFAULT_DIST;
	info->pref = HMIP_AR_DEFAULT_PREF;
	info->rflag = true;
	info->valid_lifetime = HMIP_AR_DEFAULT_LIFETIME;
	watch->enabled = false;
	watch->probe_ms = HMIP_AR_DEFAULT_PROBE_MS;
	watch->retry_ms = HMIP_AR_DEFAULT_RETRY_MS;
	watch->retry_time_ms = HMIP_AR_DEFAULT_RETRY_TIME_MS;
	/* Secure by default: a Handover Initiate moves traffic. */
	hi->require_ipsec = true;
	hi->buf_packets = HMIP_AR_DEFAULT_BUF_PACKETS;
	hi->buf_entries = HMIP_AR_DEFAULT_BUF_ENTRIES;
	hi->buf_lifetime_ms = HMIP_AR_DEFAULT_BUF_LIFETIME_MS;
}

/* Caller holds RCU or hn->ar->lock. */
struct hmip_ar_opt *hmip_ar_opt_lookup(struct hmip_net *hn, int ifindex,
				       const struct in6_addr *addr)
{
	struct hmip_ar_opt *opt;

	list_for_each_entry_rcu(opt, &hn->ar->opts, list,
				lockdep_is_held(&hn->ar->lock))
		if (opt->ifindex == ifindex &&
		    ipv6_addr_equal(&opt->info.addr, addr))
			return opt;
	return NULL;
}

/* Caller holds RCU or hn->ar->lock. */
struct hmip_ar_relay *hmip_ar_relay_lookup(struct hmip_net *hn, int ifindex,
					   int from)
{
	struct hmip_ar_relay *relay;

	list_for_each_entry_rcu(relay, &hn->ar->relays, list,
				lockdep_is_held(&hn->ar->lock))
		if (relay->ifindex == ifindex && relay->from == from)
			return relay;
	return NULL;
}

/**
 * hmip_ar_opt_lifetime - the valid lifetime a configured option goes out
 *	with
 * @opt: the option
 *
 * Zero while its MAP is declared failed (RFC 4140 section 10).
 *
 * Return: seconds.
 */
u32 hmip_ar_opt_lifetime(const struct hmip_ar_opt *opt)
{
	if (READ_ONCE(opt->state) == HMIP_AR_WATCH_FAILED)
		return 0;
	return READ_ONCE(opt->info.valid_lifetime);
}

/**
 * hmip_ar_learned_remaining - seconds a learned option has left
 * @l: the option
 *
 * Return: the seconds, %HMIP_MAP_OPT_INFINITY for an infinite lifetime,
 * 0 once it expired (or for a lifetime 0 option).
 */
u32 hmip_ar_learned_remaining(const struct hmip_ar_learned *l)
{
	u32 life = READ_ONCE(l->info.valid_lifetime);
	unsigned long age = (jiffies - READ_ONCE(l->heard)) / HZ;

	if (life == HMIP_MAP_OPT_INFINITY)
		return life;
	return life > age ? life - age : 0;
}

/* Whether @ifindex names an interface of the netns, asked under
 * hn->ar->lock: an unregistration unlists the interface before its
 * NETDEV_UNREGISTER takes that lock (hmip_ar_netdev_event()), so an entry
 * added for an interface found here is in the lists when that event
 * comes, and goes with it.
 */
bool hmip_ar_dev_exists(struct hmip_net *hn, int ifindex)
{
	bool found;

	lockdep_assert_held(&hn->ar->lock);
	rcu_read_lock();
	found = dev_get_by_index_rcu(hn->net, ifindex);
	rcu_read_unlock();
	return found;
}

/**
 * hmip_ar_opt_add - advertise a MAP option on an interface
 * @hn: hmip state of the netns
 * @ifindex: the interface
 * @info: the option
 * @watch: failure detection settings
 * @hi: settings as a new access router of fast handovers
 *
 * Context: process; caller holds &hmip_ar.lock.
 * Return: 0, -ENODEV when the interface is gone (the caller checked it
 * before, without the lock), or another negative errno.
 */
int hmip_ar_opt_add(struct hmip_net *hn, int ifindex,
		    const struct hmip_map_info *info,
		    const struct hmip_ar_watch *watch,
		    const struct hmip_ar_hi_cfg *hi)
{
	struct hmip_ar_opt *opt;
	int err;

	lockdep_assert_held(&hn->ar->lock);

	if (!hmip_ar_dev_exists(hn, ifindex))
		return -ENODEV;
	opt = kzalloc(sizeof(*opt), GFP_KERNEL);
	if (!opt)
		return -ENOMEM;
	err = hmip_ar_hooks_get(hn);
	if (err) {
		kfree(opt);
		return err;
	}
	err = hmip_ar_buffer_start(hn);
	if (err) {
		hmip_ar_hooks_put(hn);
		kfree(opt);
		return err;
	}
	opt->hn = hn;
	opt->ifindex = ifindex;
	opt->info = *info;
	opt->watch = *watch;
	opt->hi = *hi;
	opt->state = HMIP_AR_WATCH_OFF;
	INIT_DELAYED_WORK(&opt->work, hmip_ar_watch_work);
	list_add_tail_rcu(&opt->list, &hn->ar->opts);
	if (watch->enabled)
		hmip_ar_watch_start(opt);
	return 0;
}

void hmip_ar_opt_set(struct hmip_net *hn, struct hmip_ar_opt *opt,
		     const struct hmip_map_info *info,
		     const struct hmip_ar_watch *watch,
		     const struct hmip_ar_hi_cfg *hi)
{
	lockdep_assert_held(&hn->ar->lock);

	/* Buffers made already keep the bounds they were made with. */
	WRITE_ONCE(opt->hi.require_ipsec, hi->require_ipsec);
	WRITE_ONCE(opt->hi.buf_packets, hi->buf_packets);
	WRITE_ONCE(opt->hi.buf_entries, hi->buf_entries);
	WRITE_ONCE(opt->hi.buf_lifetime_ms, hi->buf_lifetime_ms);

	WRITE_ONCE(opt->info.dist, info->dist);
	WRITE_ONCE(opt->info.pref, info->pref);
	WRITE_ONCE(opt->info.rflag, info->rflag);
	WRITE_ONCE(opt->info.valid_lifetime, info->valid_lifetime);

	if (!memcmp(&opt->watch, watch, sizeof(*watch)))
		return;
	/* Watching starts afresh with new settings. */
	hmip_ar_watch_stop(opt);
	opt->watch = *watch;
	if (watch->enabled)
		hmip_ar_watch_start(opt);
}

void hmip_ar_opt_del(struct hmip_net *hn, struct hmip_ar_opt *opt)
{
	lockdep_assert_held(&hn->ar->lock);

	list_del_rcu(&opt->list);
	hmip_ar_watch_stop(opt);
	/* Its packets held for NCoAs go with it, counted. */
	hmip_ar_buffer_flush(hn, opt);
	hmip_ar_buffer_stop(hn);
	kfree_rcu(opt, rcu);
	hmip_ar_hooks_put(hn);
}

/**
 * hmip_ar_relay_add - relay the options heard on @from onto @ifindex
 * @hn: hmip state of the netns
 * @ifindex: the downstream interface
 * @from: the upstream interface
 *
 * Context: process; caller holds &hmip_ar.lock.
 * Return: 0, -ENODEV when either interface is gone, or another negative
 * errno.
 */
int hmip_ar_relay_add(struct hmip_net *hn, int ifindex, int from)
{
	struct hmip_ar_relay *relay;
	int err;

	lockdep_assert_held(&hn->ar->lock);

	if (!hmip_ar_dev_exists(hn, ifindex) || !hmip_ar_dev_exists(hn, from))
		return -ENODEV;
	relay = kzalloc(sizeof(*relay), GFP_KERNEL);
	if (!relay)
		return -ENOMEM;
	err = hmip_ar_hooks_get(hn);
	if (err) {
		kfree(relay);
		return err;
	}
	relay->ifindex = ifindex;
	relay->from = from;
	list_add_tail_rcu(&relay->list, &hn->ar->relays);
	return 0;
}

/* Whether some relay still listens on @from. Caller holds hn->ar->lock. */
static bool hmip_ar_upstream(struct hmip_net *hn, int from)
{
	struct hmip_ar_relay *relay;

	list_for_each_entry(relay, &hn->ar->relays, list)
		if (relay->from == from)
			return true;
	return false;
}

void hmip_ar_relay_del(struct hmip_net *hn, struct hmip_ar_relay *relay)
{
	lockdep_assert_held(&hn->ar->lock);

	list_del_rcu(&relay->list);
	/* What was heard there is forgotten with the last relay from it. */
	if (!hmip_ar_upstream(hn, relay->from))
		hmip_ar_ra_flush(hn, relay->from);
	kfree_rcu(relay, rcu);
	hmip_ar_hooks_put(hn);
}

/* An interface unregistered, or moved to another netns: its options and
 * relays go, and what was learned on it, each said in the log and as an
 * event (a configuration tool re-applies them when it comes back).
 * Called under RTNL.
 */
static int hmip_ar_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct hmip_ar *ar = container_of(nb, struct hmip_ar, netdev_nb);
	struct hmip_net *hn = ar->hn;
	struct hmip_ar_relay *relay, *rtmp;
	struct hmip_ar_nbr *nbr, *ntmp;
	struct hmip_ar_opt *opt, *otmp;
	int ifindex = dev->ifindex;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;

	mutex_lock(&ar->lock);
	list_for_each_entry_safe(opt, otmp, &ar->opts, list) {
		if (opt->ifindex != ifindex)
			continue;
		pr_info("access router option of MAP %pI6c removed with its interface %s\n",
			&opt->info.addr, dev->name);
		rcu_read_lock();
		hmip_ar_nl_event(hn, opt, HMIP_EVENT_AR_REMOVED);
		rcu_read_unlock();
		hmip_ar_opt_del(hn, opt);
	}
	list_for_each_entry_safe(relay, rtmp, &ar->relays, list) {
		if (relay->ifindex != ifindex && relay->from != ifindex)
			continue;
		pr_info("access router relay to ifindex %d from ifindex %d removed with its interface %s\n",
			relay->ifindex, relay->from, dev->name);
		rcu_read_lock();
		hmip_ar_nl_relay_event(hn, relay, HMIP_EVENT_AR_REMOVED);
		rcu_read_unlock();
		hmip_ar_relay_del(hn, relay);
	}
	list_for_each_entry_safe(nbr, ntmp, &ar->nbrs, list) {
		if (nbr->ifindex != ifindex)
			continue;
		pr_info("access router neighbour %pI6c removed with its interface %s\n",
			&nbr->addr, dev->name);
		rcu_read_lock();
		hmip_ar_nl_nbr_event(hn, nbr, HMIP_EVENT_AR_REMOVED);
		rcu_read_unlock();
		hmip_ar_nbr_del(hn, nbr);
	}
	mutex_unlock(&ar->lock);
	return NOTIFY_DONE;
}

/* At netns exit, with traffic still flowing. */
void hmip_ar_net_exit(struct hmip_net *hn)
{
	struct hmip_ar_relay *relay, *rtmp;
	struct hmip_ar_nbr *nbr, *ntmp;
	struct hmip_ar_opt *opt, *otmp;

	bool relays;

	mutex_lock(&hn->ar->lock);
	list_for_each_entry_safe(opt, otmp, &hn->ar->opts, list)
		hmip_ar_opt_del(hn, opt);
	list_for_each_entry_safe(nbr, ntmp, &hn->ar->nbrs, list)
		hmip_ar_nbr_del(hn, nbr);
	relays = !list_empty(&hn->ar->relays);
	list_for_each_entry_safe(relay, rtmp, &hn->ar->relays, list)
		hmip_ar_relay_del(hn, relay);
	mutex_unlock(&hn->ar->lock);
	/* The hooks may stay for a MAP's own option: once the receive hooks
	 * that still saw a relay are over, nothing learns any more.
	 */
	if (relays)
		synchronize_rcu();
	hmip_ar_ra_flush(hn, 0);
	hmip_ar_buffer_net_exit(hn->ar);
	unregister_netdevice_notifier_net(hn->net, &hn->ar->netdev_nb);
	kfree(hn->ar);
}
