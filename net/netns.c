// SPDX-License-Identifier: GPL-2.0

#include <net/inet_common.h>

#include "map.h"
#include "map_nd.h"
#include "mn.h"
#include "netns.h"

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

static void __net_exit hmip_net_exit(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);

	/* Its tunnel devices go before the core unregisters the rest. */
	hmip_mn_uninit(hn);
	/* Before the MAPs (their own options) and nd_sk (echo requests). */
	hmip_ar_uninit(hn);
	hmip_map_del_all(hn);
	hmip_bcache_uninit(hn);
	hmip_map_nd_uninit(hn);
	inet_ctl_sock_destroy(hn->mh_sk);
	hmip_stats_uninit(hn);
}

static struct pernet_operations hmip_net_ops = {
	.init = hmip_net_init,
	.exit = hmip_net_exit,
	.id = &hmip_net_id,
	.size = sizeof(struct hmip_net),
};

/* A device operation, not a subsystem one: a dying netns runs these exits
 * before it unregisters its remaining devices, so the MAPs can take their
 * tunnel devices down themselves.
 */
int hmip_netns_init(void)
{
	return register_pernet_device(&hmip_net_ops);
}

void hmip_netns_uninit(void)
{
	unregister_pernet_device(&hmip_net_ops);
}
