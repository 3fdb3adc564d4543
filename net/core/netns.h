/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per network namespace state: everything hmip keeps lives here, so that
 * nothing one netns does is visible from another.
 */
#ifndef _HMIP_NETNS_H
#define _HMIP_NETNS_H

#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <linux/mutex.h>
#include <linux/netfilter.h>
#include <linux/notifier.h>
#include <linux/workqueue.h>

#include "ar/ar.h"
#include "anchor/bcache.h"
#include "core/ratelimit.h"
#include "core/stats.h"

/**
 * struct hmip_net - hmip state of one network namespace
 * @net: the namespace
 * @mib: per-cpu counters
 * @mh_sk: kernel socket that sends Mobility Header messages; unhashed, so
 *	it never receives
 * @err_rl: per-destination limiter for messages sent in answer to
 *	received packets
 * @maps_lock: serialises changes to @maps
 * @maps: the MAPs this netns serves (RCU list of &struct hmip_map)
 * @bcache: their bindings
 * @nd_sk: kernel socket for the MAP's Neighbour Discovery messages
 * @nd_hook: watches the MAP's links for DAD conflicts; registered while
 *	@maps is not empty
 * @intercept_hooks: send packets for bound RCoAs into the MAP's tunnel,
 *	forwarded and local ones; registered while @maps is not empty
 * @ar: the access router role
 * @mns_lock: serialises changes to @mns
 * @mns: the interfaces with the mobile node role (RCU list of
 *	&struct hmip_mn)
 * @mn_hooks: the mobile node's router advertisement and interception
 *	hooks; registered while @mns is not empty
 * @mn_netdev_nb: link events of the mobile node's interfaces
 * @mn_gc: ends the role of interfaces that went away
 */
struct hmip_net {
	struct net *net;
	struct hmip_mib __percpu *mib;
	struct sock *mh_sk;
	struct hmip_ratelimit err_rl;
	struct mutex maps_lock;	/* see above */
	struct list_head maps;
	struct hmip_bcache bcache;
	struct sock *nd_sk;
	struct nf_hook_ops nd_hook;
	struct nf_hook_ops intercept_hooks[2];
	struct hmip_ar ar;
	struct mutex mns_lock;	/* see above */
	struct list_head mns;
	struct nf_hook_ops mn_hooks[2];
	struct notifier_block mn_netdev_nb;
	struct work_struct mn_gc;
};

extern unsigned int hmip_net_id;

static inline struct hmip_net *hmip_net(const struct net *net)
{
	return net_generic(net, hmip_net_id);
}

int hmip_netns_init(void);
void hmip_netns_uninit(void);

#endif /* _HMIP_NETNS_H */
