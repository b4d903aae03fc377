// A TCP relay on 127.0.0.1 in front of a server (here: PostgreSQL) that a
// test can cut — every open connection reset, new ones refused as if the
// database were down — and restore. It makes "the database is briefly
// unreachable" a deterministic step instead of a timing accident.
import { connect, createServer } from 'node:net';

export async function startTcpFaultProxy({ targetHost = '127.0.0.1', targetPort }) {
  const sockets = new Set();
  let cut = false;
  const server = createServer((client) => {
    if (cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      sockets.delete(client);
      sockets.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise((resolve) => { server.listen(0, '127.0.0.1', resolve); });
  return {
    port: server.address().port,
    /** Resets every relayed connection and refuses new ones until restore(). */
    cut() {
      cut = true;
      for (const socket of sockets) socket.resetAndDestroy();
      sockets.clear();
    },
    restore() {
      cut = false;
    },
    close() {
      this.cut();
      return new Promise((resolve) => { server.close(resolve); });
    },
  };
}
