/** The queue's order as last shown: the case view steps through it (next / previous case). */
import { create } from 'zustand';

export const useQueueOrder = create<{ order: readonly string[] }>(() => ({ order: [] }));

export function setQueueOrder(order: readonly string[]): void {
  useQueueOrder.setState({ order });
}
