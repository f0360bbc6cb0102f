import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Graceful stop of an HTTP server: it stops accepting connections, closes the idle keep-alive
 * ones at once, lets every request in flight finish (its response closes its connection), and
 * resolves when the last connection has closed. After `graceMs` the remaining ones are cut.
 */
export function drainable(server: Server) {
  const inFlight = new Map<Socket, Set<ServerResponse>>();
  let draining = false;

  server.on('request', (req, res: ServerResponse) => {
    const socket = req.socket;
    const responses = inFlight.get(socket) ?? new Set<ServerResponse>();
    inFlight.set(socket, responses);
    responses.add(res);
    res.once('close', () => {
      responses.delete(res);
      if (responses.size === 0) inFlight.delete(socket);
      // A response that had begun before the drain may have promised keep-alive: end its connection now.
      if (draining && responses.size === 0) socket.end();
    });
  });

  return {
    async drain(graceMs: number): Promise<void> {
      draining = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const responses of inFlight.values()) {
        for (const res of responses) if (!res.headersSent) res.setHeader('Connection', 'close');
      }
      // Since Node 19 close() ends idle keep-alive connections too; explicit for clarity.
      server.closeIdleConnections();
      const cut = setTimeout(() => server.closeAllConnections(), graceMs);
      cut.unref();
      await closed;
      clearTimeout(cut);
    },
  };
}
