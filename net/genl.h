/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The "hmip" generic netlink family: configuration, state and events.
 */
#ifndef _HMIP_GENL_H
#define _HMIP_GENL_H

#include <linux/types.h>
#include <net/genetlink.h>

struct hmip_ar_opt;
struct hmip_binding;
struct hmip_net;
struct net;
struct sk_buff;

extern struct genl_family hmip_family;

int hmip_genl_module_init(void);
void hmip_genl_module_exit(void);

struct sk_buff *hmip_netlink_event_new(struct net *net, u32 event,
				       void **hdr);
void hmip_netlink_event_send(struct net *net, struct sk_buff *msg, void *hdr);
void hmip_map_netlink_binding_event(struct hmip_net *hn,
				const struct hmip_binding *b, u32 event);
void hmip_netlink_ar_event(struct hmip_net *hn, const struct hmip_ar_opt *opt,
			   u32 event);

#endif /* _HMIP_GENL_H */
