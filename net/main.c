// SPDX-License-Identifier: GPL-2.0
/*
 * hmip: Hierarchical Mobile IPv6 (RFC 4140).
 *
 * Subsystems start in dependency order and stop in exact reverse: per-netns
 * state first, so that the control path and the packet path always find it.
 */

#include <linux/module.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/bcache.h"
#include "map/tunnel.h"
#include "mh/mh.h"
#include "mn/mn.h"
#include "genl.h"
#include "core/netns.h"

static int __init hmip_init(void)
{
	int err;

	err = hmip_bcache_module_init();
	if (err)
		return err;
	err = hmip_netns_init();
	if (err)
		goto err_bcache;
	err = hmip_netlink_init();
	if (err)
		goto err_netns;
	err = hmip_mh_rcv_init();
	if (err)
		goto err_netlink;
	err = hmip_map_decap_init();
	if (err)
		goto err_mh;
	err = hmip_mn_module_init();
	if (err)
		goto err_decap;

	pr_info("Hierarchical Mobile IPv6 (RFC 4140) loaded\n");
	return 0;

err_decap:
	hmip_map_decap_uninit();
err_mh:
	hmip_mh_rcv_uninit();
err_netlink:
	hmip_netlink_uninit();
err_netns:
	hmip_netns_uninit();
err_bcache:
	hmip_bcache_module_uninit();
	return err;
}

static void __exit hmip_exit(void)
{
	hmip_mn_module_uninit();
	hmip_map_decap_uninit();
	hmip_mh_rcv_uninit();
	hmip_netlink_uninit();
	hmip_netns_uninit();
	hmip_bcache_module_uninit();
}

module_init(hmip_init);
module_exit(hmip_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Hierarchical Mobile IPv6 (RFC 4140)");
MODULE_AUTHOR("hmip developers");
MODULE_ALIAS_GENL_FAMILY(HMIP_GENL_NAME);
