/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mobile node's part of the "hmip" generic netlink family.
 */
#ifndef _HMIP_MN_NETLINK_H
#define _HMIP_MN_NETLINK_H

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

struct hmip_mn;

extern const struct nla_policy hmip_mn_req_policy[HMIP_A_MAX + 1];

int hmip_nl_mn_add_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_nl_mn_set_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_nl_mn_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_nl_mn_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_nl_mn_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
void hmip_mn_event(struct hmip_mn *mn, u32 event);

#endif /* _HMIP_MN_NETLINK_H */
