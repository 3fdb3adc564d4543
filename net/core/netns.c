// SPDX-License-Identifier: GPL-2.0

#include <net/inet_common.h>

#include "map/map.h"
#include "map/nd.h"
#include "mn/mn.h"
#include "core/netns.h"

unsigned int hmip_net_id __read_mostly;

static int __net_init hmip_net_init(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);
	int err;

	hn->net = net;
	hmip_ratelimit_init(&hn->err_rl);
	mutex_init(&hn->maps_lock);
	INIT_LIST_HEAD(&hn->maps);

	err = hmip_stats_init(hn);
	if (err)
		return err;
	err = hmip_bcache_init(hn);
	if (err)
		goto err_stats;

	/* Like the ICMPv6 and TCP control sockets: a kernel socket that holds
	 * no reference on the netns and is unhashed, so it only sends.
	 */
	err = inet_ctl_sock_create(&hn->mh_sk, PF_INET6, SOCK_RAW, IPPROTO_MH,
				   net);
	if (err)
		goto err_bcache;
	err = hmip_map_nd_init(hn);
	if (err)
		goto err_mh_sk;
	err = hmip_ar_init(hn);
	if (err)
		goto err_nd;
	err = hmip_mn_init(hn);
	if (err)
		goto err_ar;
	return 0;

err_ar:
	hmip_ar_uninit(hn);
err_nd:
	hmip_map_nd_uninit(hn);
err_mh_sk:
	inet_ctl_sock_destroy(hn->mh_sk);
err_bcache:
	hmip_bcache_uninit(hn);
err_stats:
	hmip_stats_uninit(hn);
	return err;
}

/* After the core unregistered the namespace's devices: nothing arrives
 * any more that could count, answer or look a binding up.
 */
static void __net_exit hmip_net_exit(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);

	hmip_mn_uninit(hn);
	/* Before nd_sk: its watchers send echo requests through it. */
	hmip_ar_uninit(hn);
	hmip_bcache_uninit(hn);
	hmip_map_nd_uninit(hn);
	inet_ctl_sock_destroy(hn->mh_sk);
	hmip_stats_uninit(hn);
}

/* The state itself, counters, sockets and limiters included, is a pernet
 * subsystem: a dying netns runs subsystem exits only after it unregistered
 * its devices, so packets that still arrive on them while the namespace is
 * dismantled (Mobility Headers through hmip's handler, which serves every
 * netns) find everything in place. It owns the net_generic() storage, which
 * lives until after the last exit.
 */
static struct pernet_operations hmip_net_ops = {
	.init = hmip_net_init,
	.exit = hmip_net_exit,
	.id = &hmip_net_id,
	.size = sizeof(struct hmip_net),
};

/* The roles that own tunnel devices take them down themselves, before the
 * core unregisters the devices that remain: a device operation's exit runs
 * then.
 */
static void __net_exit hmip_net_dev_exit(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);

	hmip_mn_del_all(hn);
	hmip_map_del_all(hn);
}

static struct pernet_operations hmip_net_dev_ops = {
	.exit = hmip_net_dev_exit,
};

/* Subsystem first: a netns made later gets its state before any device
 * operation runs for it, and the module's exit unregisters in reverse.
 */
int hmip_netns_init(void)
{
	int err;

	err = register_pernet_subsys(&hmip_net_ops);
	if (err)
		return err;
	err = register_pernet_device(&hmip_net_dev_ops);
	if (err)
		unregister_pernet_subsys(&hmip_net_ops);
	return err;
}

void hmip_netns_uninit(void)
{
	unregister_pernet_device(&hmip_net_dev_ops);
	unregister_pernet_subsys(&hmip_net_ops);
}
