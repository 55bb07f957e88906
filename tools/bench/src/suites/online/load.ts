import http from 'node:http';

let agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * Fresh connections for the next phase: a server closes keep-alive sockets idle for 5 s (Node's
 * default), and reusing one it just closed fails with "socket hang up".
 */
export function resetAgent(): void {
  agent.destroy();
  agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
}

/** A keep-alive JSON POST: the same client for the service and for its floor. */
export function post(url: string, body: string, headers: Record<string, string> = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`${url}: ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

export const closeAgent = () => agent.destroy();
