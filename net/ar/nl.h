/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The access router's part of the "hmip" generic netlink family (nl.c).
 */
#ifndef _HMIP_AR_NL_H
#define _HMIP_AR_NL_H

#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

struct hmip_ar_nbr;
struct hmip_ar_opt;
struct hmip_ar_relay;
struct hmip_net;

extern const struct nla_policy hmip_ar_nl_req_policy[HMIP_A_MAX + 1];

int hmip_ar_nl_add_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_ar_nl_set_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_ar_nl_del_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_ar_nl_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_ar_nl_get_dumpit(struct sk_buff *skb, struct netlink_callback *cb);
void hmip_ar_nl_event(struct hmip_net *hn, const struct hmip_ar_opt *opt,
		      u32 event);
void hmip_ar_nl_relay_event(struct hmip_net *hn,
			    const struct hmip_ar_relay *relay, u32 event);
void hmip_ar_nl_nbr_event(struct hmip_net *hn, const struct hmip_ar_nbr *nbr,
			  u32 event);
void hmip_ar_nl_hi_event(struct hmip_net *hn, int ifindex,
			 const struct in6_addr *map,
			 const struct in6_addr *ncoa, u8 code, bool buffer);
int hmip_ar_nl_prepare_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _HMIP_AR_NL_H */
