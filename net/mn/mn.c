// SPDX-License-Identifier: GPL-2.0
/*
 * The mobile node role of an interface: its settings and its life (see
 * mobile-node.rst). An interface with the role gets a tunnel device
 * ("hmipmn%d") that holds its RCoAs and carries its traffic to the MAP.
 *
 * Locking: &hmip_mn_net.lock serialises configuration, each node's mutex
 * its worker (reg.c), each node's spinlock what arrives in softirq.
 */
#include <linux/netfilter.h>
#include <linux/netfilter_ipv6.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "mn/mn.h"
#include "mn/nl.h"
#include "core/netns.h"
#include "tunnel/tunnel.h"

/* Caller holds RCU or hn->mn->lock. */
struct hmip_mn *hmip_mn_lookup(struct hmip_net *hn, int ifindex)
{
	struct hmip_mn *mn;

	list_for_each_entry_rcu(mn, &hn->mn->mns, list,
				lockdep_is_held(&hn->mn->lock))
		if (mn->ifindex == ifindex)
			return mn;
	return NULL;
}

/**
 * hmip_mn_kick - run the worker of @mn now
 * @mn: the mobile node
 *
 * Context: any.
 */
void hmip_mn_kick(struct hmip_mn *mn)
{
	spin_lock_bh(&mn->lock);
	if (!mn->dead)
		mod_delayed_work(system_wq, &mn->work, 0);
	spin_unlock_bh(&mn->lock);
}

/* Off the link: what its routers said no longer holds (section 7.2 compares
 * the next link's options afresh). Registrations stay until the next link
 * decides.
 */
static void hmip_mn_link_lost(struct hmip_mn *mn)
{
	spin_lock_bh(&mn->lock);
	mn->n_opts = 0;
	mn->n_prefixes = 0;
	mn->heard_ra = false;
	mn->router = in6addr_any;
	mn->router_failed = false;
	memset(&mn->alt, 0, sizeof(mn->alt));
	if (!mn->dead)
		mod_delayed_work(system_wq, &mn->work, 0);
	spin_unlock_bh(&mn->lock);
}

static void hmip_mn_params_apply(struct hmip_mn *mn,
				 const struct hmip_mn_params *p)
{
	mn->policy = p->policy;
	mn->fixed_map = p->fixed_map;
	mn->lifetime = p->lifetime;
	mn->require_ipsec = p->require_ipsec;
	mn->mode = p->mode;
	mn->hoa = p->hoa;
	mn->home_plen = p->home_plen;
	/* A discovered home agent is discovery's (dhaad.c) to change. */
	if (!p->ha_discover)
		mn->ha = p->ha;
	mn->ha_discover = p->ha_discover;
	if (mn->rfc != p->rfc)
		WRITE_ONCE(mn->mtu_sync, true);
	WRITE_ONCE(mn->rfc, p->rfc);
	mn->rcoa_alloc = p->rcoa_alloc;
}

/* Whether @dev may carry the role. Caller holds RCU or the RTNL. */
static int hmip_mn_dev_check(const struct net_device *dev,
			     struct netlink_ext_ack *extack)
{
	if (!dev) {
		NL_SET_ERR_MSG(extack, "no such interface");
		return -ENODEV;
	}
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "a mobile node does not move on loopback");
		return -EINVAL;
	}
	if (hmip_tunnel_is_ours(dev)) {
		NL_SET_ERR_MSG(extack, "not on hmip's own tunnel devices");
		return -EINVAL;
	}
	return 0;
}

/**
 * hmip_mn_add - run the mobile node role on an interface
 * @hn: hmip state of the netns
 * @ifindex: the interface
 * @p: its settings
 * @tunnel: name of the tunnel device, or NULL for "hmipmn%d"
 * @extack: for the reason it failed
 *
 * Context: process; caller holds &hmip_mn_net.lock.
 * Return: 0 or a negative errno.
 */
int hmip_mn_add(struct hmip_net *hn, int ifindex,
		const struct hmip_mn_params *p, const char *tunnel,
		struct netlink_ext_ack *extack)
{
	struct net_device *dev;
	struct inet6_dev *idev;
	struct hmip_mn *mn;
	int err;

	lockdep_assert_held(&hn->mn->lock);
	if (hmip_mn_lookup(hn, ifindex)) {
		NL_SET_ERR_MSG(extack,
			       "the mobile node role runs on this interface already");
		return -EEXIST;
	}
	/* Before a tunnel device is made for nothing; checked again where
	 * it counts, as the node joins the list.
	 */
	rcu_read_lock();
	err = hmip_mn_dev_check(dev_get_by_index_rcu(hn->net, ifindex), extack);
	rcu_read_unlock();
	if (err)
		return err;

	mn = kzalloc(sizeof(*mn), GFP_KERNEL);
	if (!mn)
		return -ENOMEM;
	mn->hn = hn;
	mn->ifindex = ifindex;
	hmip_mn_params_apply(mn, p);
	mn->mtu_sync = true;
	spin_lock_init(&mn->lock);
	mutex_init(&mn->mutex);
	INIT_DELAYED_WORK(&mn->work, hmip_mn_reg_work);
	timer_setup(&mn->silence, hmip_mn_md_silence, 0);

	mn->home.seq = get_random_u16();
	mn->home.ro_state = ERR_PTR(-ENOENT);
	if (p->ha_discover)
		mn->ha = in6addr_any;

	mn->tunnel = hmip_tunnel_create(hn, tunnel, "hmipmn%d",
					&hmip_mn_tunnel_ops, mn, extack);
	if (IS_ERR(mn->tunnel)) {
		err = PTR_ERR(mn->tunnel);
		goto err_free;
	}
	if (!ipv6_addr_any(&p->hoa)) {
		mn->home_tunnel = hmip_mn_home_tunnel_create(mn, &p->hoa,
							     extack);
		if (IS_ERR(mn->home_tunnel)) {
			err = PTR_ERR(mn->home_tunnel);
			mn->home_tunnel = NULL;
			goto err_tunnel;
		}
	}
	/* No temporary addresses next to the RCoAs (RFC 8981): they would
	 * not be registered anywhere.
	 */
	idev = in6_dev_get(mn->tunnel);
	if (idev) {
		WRITE_ONCE(idev->cnf.use_tempaddr, -1);
		in6_dev_put(idev);
	}
	if (list_empty(&hn->mn->mns)) {
		err = nf_register_net_hooks(hn->net, hn->mn->hooks,
					    ARRAY_SIZE(hn->mn->hooks));
		if (err) {
			NL_SET_ERR_MSG(extack, "cannot register the netfilter hooks");
			goto err_tunnel;
		}
	}
	/* The interface may have gone meanwhile. Its unregistration unlists
	 * it and sends NETDEV_UNREGISTER under the RTNL, in one go: found
	 * here, the node is in the list when that event comes, and
	 * hmip_mn_gc() ends the role; else the add fails. No entry outlives
	 * its interface.
	 */
	rtnl_lock();
	dev = __dev_get_by_index(hn->net, ifindex);
	err = hmip_mn_dev_check(dev, extack);
	if (!err) {
		hmip_mn_md_dev_init(mn, dev);
		/* Up already: a solicitation rather than waiting for the
		 * next unsolicited advertisement.
		 */
		mn->rs_due = netif_running(dev) && netif_carrier_ok(dev);
		list_add_tail_rcu(&mn->list, &hn->mn->mns);
	}
	rtnl_unlock();
	if (err)
		goto err_hooks;
	/* The LCoA may exist already; advertisements come when they come. */
	hmip_mn_kick(mn);
	return 0;

err_hooks:
	if (list_empty(&hn->mn->mns))
		nf_unregister_net_hooks(hn->net, hn->mn->hooks,
					ARRAY_SIZE(hn->mn->hooks));
err_tunnel:
	hmip_tunnel_destroy(mn->home_tunnel);
	hmip_tunnel_destroy(mn->tunnel);
err_free:
	mutex_destroy(&mn->mutex);
	kfree(mn);
	return err;
}

/**
 * hmip_mn_set - change the settings of a mobile node
 * @mn: the mobile node
 * @p: the new settings, all of them
 * @extack: for the reason it failed
 *
 * A new home address gets a new home tunnel device (the old one goes,
 * its address with it); a new home address, home agent or mode starts
 * the home registration afresh, and a new home address or a change
 * between "ha ADDRESS" and "ha discover" a new discovery.
 *
 * Context: process; caller holds &hmip_mn_net.lock.
 * Return: 0 or a negative errno; the settings are unchanged on failure.
 */
int hmip_mn_set(struct hmip_mn *mn, const struct hmip_mn_params *p,
		struct netlink_ext_ack *extack)
{
	struct hmip_mn_reg *cur = &mn->reg[HMIP_MN_CUR];
	struct net_device *home = NULL, *old = NULL;
	bool new_home, new_ha;

	new_home = !ipv6_addr_equal(&p->hoa, &mn->hoa);
	if (new_home && !ipv6_addr_any(&p->hoa)) {
		home = hmip_mn_home_tunnel_create(mn, &p->hoa, extack);
		if (IS_ERR(home))
			return PTR_ERR(home);
	}
	mutex_lock(&mn->mutex);
	/* A new lifetime is asked for at once, not at the next refresh. */
	if (p->lifetime != mn->lifetime) {
		if (cur->active && cur->state == HMIP_MN_REG_REGISTERED)
			cur->next = jiffies;
		if (mn->home.state == HMIP_MN_HOME_REGISTERED)
			mn->home.next = jiffies;
	}
	/* Another home prefix has other home agents. */
	new_ha = p->ha_discover != mn->ha_discover ||
		 (!p->ha_discover && !ipv6_addr_equal(&p->ha, &mn->ha)) ||
		 (p->ha_discover && p->home_plen != mn->home_plen);
	if (new_home || new_ha || p->mode != mn->mode)
		hmip_mn_home_release(mn);
	if (new_home) {
		old = mn->home_tunnel;
		mn->home_tunnel = home;
	}
	hmip_mn_params_apply(mn, p);
	if (new_home || new_ha)
		hmip_mn_dhaad_reset(mn);
	mutex_unlock(&mn->mutex);
	/* No path leads to it any more; waits for packets in flight. */
	hmip_tunnel_destroy(old);
	hmip_mn_kick(mn);
	return 0;
}

/**
 * hmip_mn_del - stop the mobile node role on an interface
 * @mn: the mobile node
 *
 * Its registrations are not deregistered: the bindings at the MAPs expire
 * (RFC 4140 section 9: lazy to release). Its tunnel device goes, and the
 * RCoAs with it.
 *
 * Context: process; caller holds &hmip_mn_net.lock.
 */
void hmip_mn_del(struct hmip_mn *mn)
{
	struct hmip_net *hn = mn->hn;

	lockdep_assert_held(&hn->mn->lock);
	list_del_rcu(&mn->list);
	spin_lock_bh(&mn->lock);
	mn->dead = true;
	spin_unlock_bh(&mn->lock);
	if (list_empty(&hn->mn->mns))
		nf_unregister_net_hooks(hn->net, hn->mn->hooks,
					ARRAY_SIZE(hn->mn->hooks));
	/* No receive path that found the node can kick it, or set the
	 * silence timer, any more; the worker can set the timer until it
	 * is cancelled, the timer only kicks, which a dead node ignores.
	 */
	synchronize_net();
	cancel_delayed_work_sync(&mn->work);
	del_timer_sync(&mn->silence);
	mutex_lock(&mn->mutex);
	hmip_mn_fmip_release(mn);
	hmip_mn_reg_release_all(mn);
	hmip_mn_home_release(mn);
	mutex_unlock(&mn->mutex);
	/* Waits for packets in flight through the devices. */
	hmip_tunnel_destroy(mn->home_tunnel);
	hmip_tunnel_destroy(mn->tunnel);
	mutex_destroy(&mn->mutex);
	kfree_rcu(mn, rcu);
}

/* The role ends with its interface (unregistered or moved to another
 * netns), said as an event (the log line comes from the notifier, which
 * still has the interface's name). The notifier runs under RTNL, which
 * hmip_mn_del() takes: a work item does it.
 */
static void hmip_mn_gc(struct work_struct *work)
{
	struct hmip_net *hn = container_of(work, struct hmip_mn_net, gc)->hn;
	struct hmip_mn *mn, *tmp;
	struct net_device *dev;

	mutex_lock(&hn->mn->lock);
	list_for_each_entry_safe(mn, tmp, &hn->mn->mns, list) {
		dev = dev_get_by_index(hn->net, mn->ifindex);
		if (dev) {
			dev_put(dev);
			continue;
		}
		mutex_lock(&mn->mutex);
		hmip_mn_nl_event(mn, HMIP_EVENT_MN_REMOVED);
		mutex_unlock(&mn->mutex);
		hmip_mn_del(mn);
	}
	mutex_unlock(&hn->mn->lock);
}

/* Link events are movement hints (RFC 6275 section 11.5.1). Under RTNL. */
static int hmip_mn_netdev_event(struct notifier_block *nb,
				unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct hmip_net *hn = container_of(nb, struct hmip_mn_net,
					   netdev_nb)->hn;
	struct hmip_mn *mn;

	rcu_read_lock();
	mn = hmip_mn_lookup(hn, dev->ifindex);
	if (mn) {
		if (event == NETDEV_UNREGISTER) {
			pr_info("mobile node role removed with its interface %s\n",
				dev->name);
			schedule_work(&hn->mn->gc);
		} else if (event == NETDEV_DOWN ||
			   (event == NETDEV_CHANGE && !netif_carrier_ok(dev))) {
			hmip_mn_link_lost(mn);
		} else if (event == NETDEV_UP || event == NETDEV_CHANGE) {
			/* Section 11.5.1: a Router Solicitation at once. */
			spin_lock_bh(&mn->lock);
			mn->rs_due = true;
			mn->link_up = true;
			spin_unlock_bh(&mn->lock);
			hmip_mn_kick(mn);
		} else if (event == NETDEV_CHANGEMTU &&
			   READ_ONCE(mn->rfc) == HMIP_RFC_5380) {
			/* RFC 5380 section 11: the tunnels' follows (with
			 * rfc 4140 it is the administrator's).
			 */
			WRITE_ONCE(mn->mtu_sync, true);
			hmip_mn_kick(mn);
		}
	}
	rcu_read_unlock();
	return NOTIFY_DONE;
}

/* An address came or went: perhaps the LCoA. Any context. */
static int hmip_mn_inet6addr_event(struct notifier_block *nb,
				   unsigned long event, void *ptr)
{
	const struct inet6_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->idev->dev;
	struct hmip_mn *mn;

	rcu_read_lock();
	mn = hmip_mn_lookup(hmip_net(dev_net(dev)), dev->ifindex);
	if (mn)
		hmip_mn_kick(mn);
	rcu_read_unlock();
	return NOTIFY_DONE;
}

static struct notifier_block hmip_mn_inet6addr_nb = {
	.notifier_call = hmip_mn_inet6addr_event,
};

/**
 * hmip_mn_net_init - the mobile node role's state of a namespace
 * @hn: hmip state of the netns, its core set up
 *
 * Return: 0 or a negative errno; nothing is left to undo on failure.
 */
int hmip_mn_net_init(struct hmip_net *hn)
{
	int err;

	hn->mn = kzalloc(sizeof(*hn->mn), GFP_KERNEL);
	if (!hn->mn)
		return -ENOMEM;
	hn->mn->hn = hn;
	mutex_init(&hn->mn->lock);
	INIT_LIST_HEAD(&hn->mn->mns);
	INIT_WORK(&hn->mn->gc, hmip_mn_gc);

	hn->mn->hooks[0].hook = hmip_mn_ra_in;
	hn->mn->hooks[0].priv = hn;
	hn->mn->hooks[0].pf = NFPROTO_IPV6;
	hn->mn->hooks[0].hooknum = NF_INET_LOCAL_IN;
	/* After the filter table: what the firewall drops is not learned. */
	hn->mn->hooks[0].priority = NF_IP6_PRI_LAST;
	hn->mn->hooks[1].hook = hmip_mn_tunnel_intercept;
	hn->mn->hooks[1].priv = hn;
	hn->mn->hooks[1].pf = NFPROTO_IPV6;
	hn->mn->hooks[1].hooknum = NF_INET_LOCAL_OUT;
	/* Last: the user's own rules see the packet as the socket sent it. */
	hn->mn->hooks[1].priority = NF_IP6_PRI_LAST;

	hn->mn->netdev_nb.notifier_call = hmip_mn_netdev_event;
	err = register_netdevice_notifier_net(hn->net, &hn->mn->netdev_nb);
	if (err) {
		kfree(hn->mn);
		hn->mn = NULL;
	}
	return err;
}

/* At netns exit, before the devices go: the tunnel devices with the
 * roles.
 */
void hmip_mn_net_dev_exit(struct hmip_net *hn)
{
	struct hmip_mn *mn, *tmp;

	mutex_lock(&hn->mn->lock);
	list_for_each_entry_safe(mn, tmp, &hn->mn->mns, list)
		hmip_mn_del(mn);
	mutex_unlock(&hn->mn->lock);
}

/* At netns exit, once the devices are gone (hmip_mn_net_dev_exit() ran). */
void hmip_mn_net_exit(struct hmip_net *hn)
{
	unregister_netdevice_notifier_net(hn->net, &hn->mn->netdev_nb);
	cancel_work_sync(&hn->mn->gc);
	WARN_ON_ONCE(!list_empty(&hn->mn->mns));
	kfree(hn->mn);
}

int hmip_mn_module_init(void)
{
	int err;

	err = register_inet6addr_notifier(&hmip_mn_inet6addr_nb);
	if (err)
		return err;
	err = hmip_mn_md_module_init();
	if (err)
		unregister_inet6addr_notifier(&hmip_mn_inet6addr_nb);
	return err;
}

void hmip_mn_module_exit(void)
{
	hmip_mn_md_module_exit();
	unregister_inet6addr_notifier(&hmip_mn_inet6addr_nb);
}
