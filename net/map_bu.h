/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _HMIP_MAP_BU_H
#define _HMIP_MAP_BU_H

struct hmip_net;
struct sk_buff;

void hmip_map_rcv_bu(struct hmip_net *hn, struct sk_buff *skb);

#endif /* _HMIP_MAP_BU_H */
