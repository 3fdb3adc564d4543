/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The MAP's part of the "hmip" generic netlink family (nl.c).
 */
#ifndef _HMIP_MAP_NL_H
#define _HMIP_MAP_NL_H

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

struct hmip_binding;
struct hmip_net;

extern const struct nla_policy hmip_map_nl_req_policy[HMIP_A_MAX + 1];
extern const struct nla_policy hmip_map_nl_binding_req_policy[HMIP_A_MAX + 1];

int hmip_map_nl_add_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
int hmip_map_nl_binding_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_binding_dump_start(struct netlink_callback *cb);
int hmip_map_nl_binding_dump_done(struct netlink_callback *cb);
int hmip_map_nl_binding_get_dumpit(struct sk_buff *skb,
				   struct netlink_callback *cb);
int hmip_map_nl_binding_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_map_nl_binding_flush_doit(struct sk_buff *skb,
				   struct genl_info *info);
void hmip_map_nl_binding_event(struct hmip_net *hn,
			       const struct hmip_binding *b, u32 event);

#endif /* _HMIP_MAP_NL_H */
