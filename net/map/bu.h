/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMIP_MAP_BU_H
#define _HMIP_MAP_BU_H

#include <linux/types.h>

struct hmip_binding;
struct hmip_net;
struct sk_buff;

void hmip_map_bu_rcv(struct hmip_net *hn, struct sk_buff *skb);
void hmip_map_bu_dad_done(struct hmip_net *hn, struct hmip_binding *b,
			  bool unique);

#endif /* _HMIP_MAP_BU_H */
