import { createHash } from 'node:crypto';

/**
 * The node that announces a service's IP in MetalLB layer 2 mode (answers ARP/NDP for it, and
 * so receives all of its traffic), or -1 when no node is eligible.
 *
 * This is MetalLB's own election (speaker/layer2_controller.go, ShouldAnnounce), which needs no
 * coordination: every speaker sorts the eligible nodes by SHA-256 of `nodeName + "#" + key`,
 * compared as bytes, and the first one announces. Different services thus land on different
 * nodes, pseudo-randomly; a node joining or leaving moves only the services it wins or held.
 *
 * `serviceKey`: pass the service's first LoadBalancer IP as text (e.g. "192.168.1.240"): current
 * MetalLB hashes that, so services sharing one IP agree on a node. Releases before that fix
 * (issue #558) hashed the service's "namespace/name" instead; either string works here.
 *
 * `eligible(i)` says whether node i may announce. In MetalLB that is: the node runs a speaker
 * that memberlist sees alive, matches the L2Advertisement's node selectors, lacks the
 * exclude-from-external-load-balancers label and the NetworkUnavailable condition; and under
 * externalTrafficPolicy Local it must also host a ready (or serving) endpoint of the service.
 * MetalLB also announces nothing for a service without any serving endpoint; that check is
 * the caller's. Not modelled: the optional Lease-based election of recent releases, where the
 * first speaker to take a Lease wins, and the interface selection of L2Advertisements.
 *
 * Cost: one SHA-256 per eligible node; call it when the variant is built, not per request.
 */
export function metallbL2Leader(nodeNames: readonly string[], serviceKey: string, eligible: (i: number) => boolean): number {
  let best = -1;
  let bestDigest = '';
  for (let i = 0; i < nodeNames.length; i++) {
    if (!eligible(i)) continue;
    // Lower-case hex of equal length orders exactly as the bytes do.
    const digest = createHash('sha256').update(`${nodeNames[i]}#${serviceKey}`, 'utf8').digest('hex');
    if (best === -1 || digest < bestDigest) {
      best = i;
      bestDigest = digest;
    }
  }
  return best;
}
