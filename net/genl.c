// SPDX-License-Identifier: GPL-2.0
/*
 * The command table of the "hmip" family: the common commands
 * (core/family.c) and every role's. Like main.c, it sits above the roles;
 * the family itself (core/family.c) knows none of them.
 */
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

#include "anchor/anchor.h"
#include "ar/nl.h"
#include "core/family.h"
#include "genl.h"
#include "ha/nl.h"
#include "map/nl.h"
#include "mn/nl.h"

static const struct genl_ops hmip_genl_ops[] = {
	{
		.cmd = HMIP_CMD_STATS_GET,
		.doit = hmip_family_stats_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_GET,
		.doit = hmip_family_config_get_doit,
	},
	{
		.cmd = HMIP_CMD_CONFIG_SET,
		.doit = hmip_family_config_set_doit,
		.policy = hmip_family_config_set_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_ADD,
		.doit = hmip_map_nl_add_doit,
		.policy = hmip_map_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_SET,
		.doit = hmip_map_nl_set_doit,
		.policy = hmip_map_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_DEL,
		.doit = hmip_map_nl_del_doit,
		.policy = hmip_map_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MAP_GET,
		.doit = hmip_map_nl_get_doit,
		.dumpit = hmip_map_nl_get_dumpit,
		.policy = hmip_map_nl_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_BINDING_GET,
		.doit = hmip_anchor_nl_binding_get_doit,
		.start = hmip_anchor_nl_binding_dump_start,
		.dumpit = hmip_anchor_nl_binding_get_dumpit,
		.done = hmip_anchor_nl_binding_dump_done,
		.policy = hmip_anchor_nl_binding_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_BINDING_DEL,
		.doit = hmip_anchor_nl_binding_del_doit,
		.policy = hmip_anchor_nl_binding_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_BINDING_FLUSH,
		.doit = hmip_anchor_nl_binding_flush_doit,
		.policy = hmip_anchor_nl_binding_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_ADD,
		.doit = hmip_ar_nl_add_doit,
		.policy = hmip_ar_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_SET,
		.doit = hmip_ar_nl_set_doit,
		.policy = hmip_ar_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_DEL,
		.doit = hmip_ar_nl_del_doit,
		.policy = hmip_ar_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_ADD,
		.doit = hmip_mn_nl_add_doit,
		.policy = hmip_mn_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_SET,
		.doit = hmip_mn_nl_set_doit,
		.policy = hmip_mn_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_DEL,
		.doit = hmip_mn_nl_del_doit,
		.policy = hmip_mn_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_PREPARE,
		.doit = hmip_mn_nl_prepare_doit,
		.policy = hmip_mn_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_MN_GET,
		.doit = hmip_mn_nl_get_doit,
		.dumpit = hmip_mn_nl_get_dumpit,
		.policy = hmip_mn_nl_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_AR_PREPARE,
		.doit = hmip_ar_nl_prepare_doit,
		.policy = hmip_ar_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_AR_GET,
		.doit = hmip_ar_nl_get_doit,
		.dumpit = hmip_ar_nl_get_dumpit,
		.policy = hmip_ar_nl_req_policy,
		.maxattr = HMIP_A_MAX,
	},
	{
		.cmd = HMIP_CMD_HA_ADD,
		.doit = hmip_ha_nl_add_doit,
		.policy = hmip_ha_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_HA_SET,
		.doit = hmip_ha_nl_set_doit,
		.policy = hmip_ha_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_HA_DEL,
		.doit = hmip_ha_nl_del_doit,
		.policy = hmip_ha_nl_req_policy,
		.maxattr = HMIP_A_MAX,
		.internal_flags = HMIP_FAMILY_ADMIN,
	},
	{
		.cmd = HMIP_CMD_HA_GET,
		.doit = hmip_ha_nl_get_doit,
		.dumpit = hmip_ha_nl_get_dumpit,
		.policy = hmip_ha_nl_req_policy,
		.maxattr = HMIP_A_MAX,
	},
};

int __init hmip_genl_module_init(void)
{
	return hmip_family_module_init(hmip_genl_ops,
				       ARRAY_SIZE(hmip_genl_ops));
}

void hmip_genl_module_exit(void)
{
	hmip_family_module_exit();
}
