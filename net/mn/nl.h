/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The mobile node's part of the "hmip" generic netlink family.
 */
#ifndef _HMIP_MN_NL_H
#define _HMIP_MN_NL_H

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

struct hmip_mn;

extern const struct nla_policy hmip_mn_nl_req_policy[HMIP_A_MAX + 1];

int hmip_mn_nl_add_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_mn_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_mn_nl_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_mn_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_mn_nl_prepare_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_mn_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
void hmip_mn_nl_event(struct hmip_mn *mn, u32 event);

#endif /* _HMIP_MN_NL_H */
