// The raw rates of a directory server, measured with plain ldapts in the same shape IdSync uses, so
// that IdSync's LDAP export and import rates can be set beside what the server itself does in the
// same run (bench/ldap-bench.ts).
import { Attribute, Client } from "ldapts";

export interface Credentials {
  url: string;
  bindDn: string;
  bindPassword: string;
}

/** Connections to open and operations in flight on each. */
export interface Shape {
  connections: number;
  inFlight: number;
}

async function bound(c: Credentials): Promise<Client> {
  const client = new Client({ url: c.url });
  await client.bind(c.bindDn, c.bindPassword);
  return client;
}

/** Adds every entry, `shape.inFlight` at a time on each of `shape.connections` connections; returns the seconds taken. */
export async function rawAdds(c: Credentials, entries: { dn: string; attrs: Record<string, string[]> }[], shape: Shape): Promise<number> {
  const clients = await Promise.all(Array.from({ length: shape.connections }, () => bound(c)));
  let next = 0;
  const start = performance.now();
  const lane = async (client: Client) => {
    while (next < entries.length) {
      const e = entries[next++]!;
      await client.add(e.dn, Object.entries(e.attrs).map(([type, values]) => new Attribute({ type, values })));
    }
  };
  await Promise.all(clients.flatMap((client) => Array.from({ length: shape.inFlight }, () => lane(client))));
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(clients.map((client) => client.unbind()));
  return seconds;
}

/** A paged search of `base` (one connection); returns the entries seen and the seconds taken. */
export async function rawPagedSearch(c: Credentials, base: string, options: { filter: string; attributes: string[]; pageSize: number }): Promise<{ entries: number; seconds: number }> {
  const client = await bound(c);
  const start = performance.now();
  let entries = 0;
  for await (const page of client.searchPaginated(base, { scope: "sub", filter: options.filter, attributes: options.attributes, paged: { pageSize: options.pageSize } })) {
    entries += page.searchEntries.length;
  }
  const seconds = (performance.now() - start) / 1000;
  await client.unbind();
  return { entries, seconds };
}
