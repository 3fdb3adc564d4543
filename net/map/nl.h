/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MAP's part of the "hmip" generic netlink family (nl.c).
 */
#ifndef _HMIP_MAP_NL_H
#define _HMIP_MAP_NL_H

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

extern const struct nla_policy hmip_map_nl_req_policy[HMIP_A_MAX + 1];

int hmip_map_nl_add_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);

#endif /* _HMIP_MAP_NL_H */
