/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "hmip" generic netlink family (family.c): what the roles' command
 * files (map/nl.c, ar/nl.c, mn/nl.c) and the command table (genl.c) use.
 */
#ifndef _HMIP_FAMILY_H
#define _HMIP_FAMILY_H

#include <linux/bits.h>
#include <linux/types.h>
#include <net/genetlink.h>
#include <uapi/linux/hmip.h>

struct hmip_net;
struct net;
struct sk_buff;

/* genl_ops.internal_flags: the command changes state and needs
 * CAP_NET_ADMIN in the user namespace of the netns.
 */
#define HMIP_FAMILY_ADMIN	BIT(0)

extern struct genl_family hmip_family;
extern const struct nla_policy hmip_family_config_set_policy[HMIP_A_MAX + 1];

int hmip_family_module_init(const struct genl_ops *ops, unsigned int n_ops);
void hmip_family_module_exit(void);

bool hmip_family_whole(const struct sk_buff *skb, struct net *net);
struct sk_buff *hmip_family_event_new(struct net *net, u32 event, void **hdr);
void hmip_family_event_send(struct net *net, struct sk_buff *msg, void *hdr);
void hmip_family_event_split(struct net *net, u32 event,
			     int (*fill)(struct sk_buff *msg, const void *obj,
					 bool whole),
			     const void *obj);

int hmip_family_reply(struct genl_info *info, size_t size,
		      int (*fill)(struct sk_buff *, struct hmip_net *));
int hmip_family_rfc_get(const struct nlattr *attr, u16 *rfc,
			struct netlink_ext_ack *extack);
/* The policy of every role's "rfc" setting: 4140 or 5380. */
/* A range, not a validation function: the kernel's policy dump (which an
 * extack about the attribute carries) cannot describe a function on an
 * integer, and warns. hmip_family_rfc_get() refuses what lies between.
 */
#define HMIP_FAMILY_RFC_POLICY \
	NLA_POLICY_RANGE(NLA_U16, HMIP_RFC_4140, HMIP_RFC_5380)

int hmip_family_stats_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_family_config_get_doit(struct sk_buff *skb, struct genl_info *info);
int hmip_family_config_set_doit(struct sk_buff *skb, struct genl_info *info);

#endif /* _HMIP_FAMILY_H */
