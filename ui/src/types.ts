// The Consul JSON shapes the UI reads (field names exactly as the API returns them).

export type Status = 'passing' | 'warning' | 'critical' | 'maintenance';

export interface HealthCheck {
  Node: string;
  CheckID: string;
  Name: string;
  Status: Status;
  Notes: string;
  Output: string;
  ServiceID: string;
  ServiceName: string;
  ServiceTags: string[] | null;
  Type: string;
  ModifyIndex: number;
}

export interface CatalogNode {
  ID: string;
  Node: string;
  Address: string;
  Datacenter: string;
  TaggedAddresses: Record<string, string> | null;
  Meta: Record<string, string> | null;
}

export interface AgentService {
  ID: string;
  Service: string;
  Tags: string[] | null;
  Address: string;
  Port: number;
  Meta: Record<string, string> | null;
  Kind?: string;
}

export interface ServiceEntry {
  Node: CatalogNode;
  Service: AgentService;
  Checks: HealthCheck[];
}

export interface NodeServiceList {
  Node: CatalogNode | null;
  Services: AgentService[];
}

export interface KvEntry {
  Key: string;
  Value: string | null;
  Flags: number;
  CreateIndex: number;
  ModifyIndex: number;
  LockIndex: number;
  Session?: string;
}

/** A row of /v1/internal/ui/nodes (Consul's NodeInfo): the node with its services and checks. */
export interface NodeInfo {
  ID: string;
  Node: string;
  Address: string;
  TaggedAddresses: Record<string, string> | null;
  Meta: Record<string, string> | null;
  Services: AgentService[];
  Checks: HealthCheck[];
}
