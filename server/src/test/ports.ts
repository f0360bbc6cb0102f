import net from 'node:net';

/**
 * A port nothing listens on now, below the kernel's ephemeral range (32768 and up), so that no
 * outgoing connection of a test running meanwhile can take it before the process it is meant for
 * binds it. (Asking the system for port 0 answers from the ephemeral range: that port may be
 * handed to a client connection a moment later, seen in CI as EADDRINUSE.)
 */
export async function freePort(): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 12000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = net.createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
}
