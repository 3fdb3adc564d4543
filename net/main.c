// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: Hierarchical Mobile IPv6 (RFC 4140).
 *
 * The top of the module: the only file that calls into every role. It
 * starts the layers and the roles in dependency order and stops them in
 * exact reverse, module-wide (hmip_init()) and per namespace
 * (hmip_net_init()): the core of a namespace's state first, so that the
 * control path and the packet path always find it, then the roles.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/bcache.h"
#include "ar/ar.h"
#include "core/netns.h"
#include "genl.h"
#include "ha/ha.h"
#include "map/map.h"
#include "mh/mh.h"
#include "mn/mn.h"
#include "tunnel/tunnel.h"

/* The access router before the MAP: the MAP names itself to it as the
 * source of this node's own MAP options.
 */
static int __net_init hmip_net_init(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);
	int err;

	err = hmip_netns_net_init(hn, net);
	if (err)
		return err;
	err = hmip_ar_net_init(hn);
	if (err)
		goto err_core;
	err = hmip_map_net_init(hn);
	if (err)
		goto err_ar;
	err = hmip_mn_net_init(hn);
	if (err)
		goto err_map;
	err = hmip_ha_net_init(hn);
	if (err)
		goto err_mn;
	return 0;

err_mn:
	hmip_mn_net_exit(hn);
err_map:
	hmip_map_net_exit(hn);
err_ar:
	hmip_ar_net_exit(hn);
err_core:
	hmip_netns_net_exit(hn);
	return err;
}

/* After the core unregistered the namespace's devices: nothing arrives
 * any more that could count, answer or look a binding up. The roles go
 * before the core: the access router's watchers send through its ND
 * socket.
 */
static void __net_exit hmip_net_exit(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);

	hmip_ha_net_exit(hn);
	hmip_mn_net_exit(hn);
	hmip_map_net_exit(hn);
	hmip_ar_net_exit(hn);
	hmip_netns_net_exit(hn);
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
	.id = &hmip_netns_id,
	.size = sizeof(struct hmip_net),
};

/* The roles that own tunnel devices take them down themselves, before the
 * core unregisters the devices that remain: a device operation's exit runs
 * then.
 */
static void __net_exit hmip_net_dev_exit(struct net *net)
{
	struct hmip_net *hn = hmip_net(net);

	hmip_ha_net_dev_exit(hn);
	hmip_mn_net_dev_exit(hn);
	hmip_map_net_dev_exit(hn);
}

static struct pernet_operations hmip_net_dev_ops = {
	.exit = hmip_net_dev_exit,
};

/* A Binding Update goes to the role whose anchor it is sent to: a home
 * agent's, else the MAP's, which answers one sent to neither with 133 (not
 * the anchor for it).
 */
static void hmip_rcv_bu(struct hmip_net *hn, struct sk_buff *skb)
{
	if (!hmip_ha_rcv_bu(hn, skb))
		hmip_map_rcv_bu(hn, skb);
}

/* Who receives which Mobility Header message. */
static const hmip_mh_rcv_t hmip_mh_handlers[HMIP_MH_TYPE_MAX + 1] = {
	[IP6_MH_TYPE_BU] = hmip_rcv_bu,
	[IP6_MH_TYPE_BACK] = hmip_mn_reg_rcv_ba,
	[HMIP_MH_TYPE_FBU] = hmip_map_rcv_fbu,
	[HMIP_MH_TYPE_FBACK] = hmip_mn_fmip_rcv_fback,
	[HMIP_MH_TYPE_HI] = hmip_ar_hi_rcv,
	[HMIP_MH_TYPE_HACK] = hmip_map_rcv_hack,
};

/* Who receives which IPv6-in-IPv6 packet: the mobile node's (from a MAP
 * to one of its RCoAs) first, then the MAP's and the home agent's (their
 * reverse tunnels).
 */
static const struct hmip_tunnel_demux *const hmip_tunnel_roles[] = {
	&hmip_mn_tunnel_demux,
	&hmip_map_demux,
	&hmip_ha_demux,
};

static int __init hmip_init(void)
{
	int err;

	err = hmip_anchor_bcache_module_init();
	if (err)
		return err;
	/* Subsystem first: a netns made later gets its state before any
	 * device operation runs for it, and the exit unregisters in reverse.
	 */
	err = register_pernet_subsys(&hmip_net_ops);
	if (err)
		goto err_bcache;
	err = register_pernet_device(&hmip_net_dev_ops);
	if (err)
		goto err_subsys;
	err = hmip_genl_module_init();
	if (err)
		goto err_device;
	err = hmip_mh_rcv_module_init(hmip_mh_handlers);
	if (err)
		goto err_genl;
	err = hmip_tunnel_module_init(hmip_tunnel_roles,
				      ARRAY_SIZE(hmip_tunnel_roles));
	if (err)
		goto err_mh;
	err = hmip_mn_module_init();
	if (err)
		goto err_tunnel;

	pr_info("Hierarchical Mobile IPv6 (RFC 4140) loaded\n");
	return 0;

err_tunnel:
	hmip_tunnel_module_exit();
err_mh:
	hmip_mh_rcv_module_exit();
err_genl:
	hmip_genl_module_exit();
err_device:
	unregister_pernet_device(&hmip_net_dev_ops);
err_subsys:
	unregister_pernet_subsys(&hmip_net_ops);
err_bcache:
	hmip_anchor_bcache_module_exit();
	return err;
}

static void __exit hmip_exit(void)
{
	hmip_mn_module_exit();
	hmip_tunnel_module_exit();
	hmip_mh_rcv_module_exit();
	hmip_genl_module_exit();
	unregister_pernet_device(&hmip_net_dev_ops);
	unregister_pernet_subsys(&hmip_net_ops);
	hmip_anchor_bcache_module_exit();
}

module_init(hmip_init);
module_exit(hmip_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hierarchical Mobile IPv6 (RFC 4140)");
MODULE_AUTHOR("hmip developers");
MODULE_ALIAS_GENL_FAMILY(HMIP_GENL_NAME);
MODULE_VERSION(HMIP_VERSION);
