import { useEffect, useState } from 'react';
import { ApiError, apiUrl, decodeValue, encodePath, request, valueSize } from '../api';
import { useBlocking } from '../blocking';
import { EmptyState, ErrorState, Loading } from '../components';
import { Link } from '../Link';
import { BASE, navigate } from '../router';
import type { KvEntry } from '../types';
import { VirtualList } from '../VirtualList';

// The KV browser and editor. URLs follow Consul's UI: /kv/<folder>/ lists, /kv/<key>/edit edits, /kv/<folder>/create
// creates. Every write is a check-and-set (?cas=ModifyIndex, ?cas=0 to create) so two editors never silently
// overwrite each other: a refused write is shown as a conflict with both versions' indexes.

function kvHref(dc: string, path: string): string {
  return BASE + encodeURIComponent(dc) + '/kv/' + encodePath(path);
}

function parentOf(key: string): string {
  const trimmed = key.endsWith('/') ? key.slice(0, -1) : key;
  const slash = trimmed.lastIndexOf('/');
  return slash < 0 ? '' : trimmed.slice(0, slash + 1);
}

function Crumbs({ dc, path }: { dc: string; path: string }) {
  const parts = path.split('/').filter(Boolean);
  return (
    <nav className="crumbs" aria-label="Breadcrumb">
      <Link href={kvHref(dc, '')}>Key / Value</Link>
      {parts.map((p, i) => {
        const prefix = parts.slice(0, i + 1).join('/') + '/';
        return (
          <span key={prefix}>
            {' / '}
            {i < parts.length - 1 || path.endsWith('/') ? <Link href={kvHref(dc, prefix)}>{p}</Link> : <span>{p}</span>}
          </span>
        );
      })}
    </nav>
  );
}

export function Kv({ dc, tail }: { dc: string; tail: string }) {
  if (tail === 'create' || tail.endsWith('/create')) return <KvCreate dc={dc} folder={tail.slice(0, -'create'.length)} />;
  if (tail.endsWith('/edit')) return <KvEdit dc={dc} keyName={tail.slice(0, -'/edit'.length)} />;
  return <KvFolder dc={dc} prefix={tail === '' || tail.endsWith('/') ? tail : tail + '/'} />;
}

function KvFolder({ dc, prefix }: { dc: string; prefix: string }) {
  const list = useBlocking<string[] | null>(apiUrl('/v1/kv/' + encodePath(prefix), { dc, keys: true, separator: '/' }), { allowNotFound: true });
  const [deleteError, setDeleteError] = useState<string>();
  const keys = (list.data ?? []).filter((k) => k !== prefix);

  async function deleteFolder() {
    if (!confirm(`Delete the folder ${prefix} and every key under it?`)) return;
    try {
      await request(apiUrl('/v1/kv/' + encodePath(prefix), { dc, recurse: true }), { method: 'DELETE' });
      navigate(kvHref(dc, parentOf(prefix)));
    } catch (e) {
      setDeleteError((e as ApiError).message);
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <Crumbs dc={dc} path={prefix} />
      <header className="page-head">
        <h1 id="page-title">{prefix ? prefix : 'Key / Value'}</h1>
        <div className="actions">
          <Link className="button primary" href={kvHref(dc, prefix + 'create')} data-testid="kv-create">
            Create
          </Link>
          {prefix && (
            <button type="button" className="danger" onClick={deleteFolder}>
              Delete folder
            </button>
          )}
        </div>
      </header>
      {deleteError && <div className="state error" role="alert">{deleteError}</div>}
      {list.error && <ErrorState error={list.error} retryIn={list.retryIn} />}
      {list.loading && !list.data && !list.error && <Loading />}
      {!list.loading && !list.error && keys.length === 0 && (
        <EmptyState>{prefix ? 'This folder is empty.' : 'There are no keys yet. Create one to get started.'}</EmptyState>
      )}
      {keys.length > 0 && (
        <VirtualList
          items={keys}
          rowHeight={44}
          label="Keys"
          getKey={(k) => k}
          renderRow={(k) => {
            const folder = k.endsWith('/');
            const name = k.slice(prefix.length);
            return (
              <div className="row kv-row" data-testid="kv-row" data-key={k}>
                <svg aria-hidden="true" className="icon" viewBox="0 0 16 16" width="16" height="16">
                  {folder ? (
                    <path d="M1.5 3.5h4.2l1.5 1.6h7.3v7.4h-13z" fill="none" stroke="currentColor" strokeWidth="1.3" />
                  ) : (
                    <path d="M5.5 10.5a3 3 0 1 1 2.6-4.5h6.4v2h-1.5v1.5h-1.5v-1.5h-3.4a3 3 0 0 1-2.6 2.5z" fill="none" stroke="currentColor" strokeWidth="1.2" />
                  )}
                </svg>
                <Link className="row-title" tabIndex={-1} href={folder ? kvHref(dc, k) : kvHref(dc, k + '/edit')}>
                  {name}
                </Link>
                <span className="muted">{folder ? 'folder' : 'key'}</span>
              </div>
            );
          }}
        />
      )}
    </section>
  );
}

function KvCreate({ dc, folder }: { dc: string; folder: string }) {
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!name.trim()) {
      setError('Enter a key name; end it with / to create a folder.');
      return;
    }
    const key = folder + name.trim().replace(/^\/+/, '');
    setBusy(true);
    setError(undefined);
    try {
      // cas=0 writes only if the key does not exist yet.
      const res = await request<boolean>(apiUrl('/v1/kv/' + encodePath(key), { dc, cas: 0 }), {
        method: 'PUT',
        body: key.endsWith('/') ? '' : value,
      });
      if (!res.body) {
        setError(`A key named ${key} already exists; it was not overwritten.`);
        return;
      }
      navigate(key.endsWith('/') ? kvHref(dc, key) : kvHref(dc, key + '/edit'));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="page" aria-labelledby="page-title">
      <Crumbs dc={dc} path={folder} />
      <h1 id="page-title">Create a key{folder ? ` in ${folder}` : ''}</h1>
      <form className="card form" onSubmit={submit}>
        <label>
          Key or folder name
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus data-testid="kv-name" aria-describedby="kv-name-help" />
        </label>
        <small id="kv-name-help" className="muted">
          To create a folder, end the name with a slash (/).
        </small>
        {!name.endsWith('/') && (
          <label>
            Value
            <textarea rows={10} value={value} onChange={(e) => setValue(e.target.value)} data-testid="kv-value" spellCheck={false} />
          </label>
        )}
        {error && (
          <div className="state error" role="alert" data-testid="kv-error">
            {error}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary" disabled={busy} data-testid="kv-save">
            Save
          </button>
          <Link className="button" href={kvHref(dc, folder)}>
            Cancel
          </Link>
        </div>
      </form>
    </section>
  );
}

interface Conflict {
  mine: number;
  theirs: number | undefined;
  action: 'save' | 'delete';
}

function KvEdit({ dc, keyName }: { dc: string; keyName: string }) {
  const live = useBlocking<KvEntry[] | null>(apiUrl('/v1/kv/' + encodePath(keyName), { dc }), { allowNotFound: true });
  const [loaded, setLoaded] = useState<{ value: string; modifyIndex: number; flags: number; binary: number | undefined }>();
  const [value, setValue] = useState('');
  const [conflict, setConflict] = useState<Conflict>();
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const remote = live.data?.[0];
  const missing = live.data === null && !live.loading;

  useEffect(() => {
    // The first answer fills the editor; later ones (someone else's write) only raise a notice.
    if (remote && !loaded) {
      const text = decodeValue(remote.Value);
      setLoaded({ value: text ?? '', modifyIndex: remote.ModifyIndex, flags: remote.Flags, binary: text === null ? valueSize(remote.Value) : undefined });
      setValue(text ?? '');
    }
  }, [remote, loaded]);

  function reload() {
    if (!remote) return;
    const text = decodeValue(remote.Value);
    setLoaded({ value: text ?? '', modifyIndex: remote.ModifyIndex, flags: remote.Flags, binary: text === null ? valueSize(remote.Value) : undefined });
    setValue(text ?? '');
    setConflict(undefined);
    setSaved(undefined);
  }

  async function save(cas: number) {
    setBusy(true);
    setError(undefined);
    setSaved(undefined);
    try {
      const res = await request<boolean>(apiUrl('/v1/kv/' + encodePath(keyName), { dc, cas, flags: loaded?.flags || undefined }), {
        method: 'PUT',
        body: value,
      });
      if (!res.body) {
        const now = await request<KvEntry[] | null>(apiUrl('/v1/kv/' + encodePath(keyName), { dc }), { allowNotFound: true });
        setConflict({ mine: cas, theirs: now.body?.[0]?.ModifyIndex, action: 'save' });
        return;
      }
      const now = await request<KvEntry[]>(apiUrl('/v1/kv/' + encodePath(keyName), { dc }));
      setLoaded({ value, modifyIndex: now.body[0].ModifyIndex, flags: now.body[0].Flags, binary: undefined });
      setConflict(undefined);
      setSaved('Saved.');
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!loaded || !confirm(`Delete ${keyName}?`)) return;
    setBusy(true);
    try {
      const res = await request<boolean>(apiUrl('/v1/kv/' + encodePath(keyName), { dc, cas: loaded.modifyIndex }), { method: 'DELETE' });
      if (!res.body) {
        setConflict({ mine: loaded.modifyIndex, theirs: remote?.ModifyIndex, action: 'delete' });
        return;
      }
      navigate(kvHref(dc, parentOf(keyName)));
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  }

  const changedElsewhere = remote && loaded && remote.ModifyIndex !== loaded.modifyIndex && !conflict;
  return (
    <section className="page" aria-labelledby="page-title">
      <Crumbs dc={dc} path={keyName} />
      <header className="page-head">
        <h1 id="page-title" className="mono">
          {keyName}
        </h1>
        {loaded && (
          <span className="muted" data-testid="kv-modify-index">
            ModifyIndex {loaded.modifyIndex}
          </span>
        )}
      </header>
      {live.error && <ErrorState error={live.error} retryIn={live.retryIn} />}
      {live.loading && !loaded && !live.error && <Loading />}
      {missing && !loaded && (
        <EmptyState>
          The key {keyName} does not exist. <Link href={kvHref(dc, parentOf(keyName) + 'create')}>Create a key</Link>
        </EmptyState>
      )}
      {loaded && (
        <form className="card form" onSubmit={(e) => { e.preventDefault(); void save(loaded.modifyIndex); }}>
          {changedElsewhere && (
            <div className="state warning" role="status" data-testid="kv-changed">
              {remote ? `Someone else changed this key (now ModifyIndex ${remote.ModifyIndex}). ` : ''}
              <button type="button" onClick={reload}>
                Load their version
              </button>
            </div>
          )}
          {missing && <div className="state warning" role="status">This key was deleted by someone else.</div>}
          {loaded.binary !== undefined ? (
            <div className="state warning" role="status" data-testid="kv-binary">
              This value is {loaded.binary} bytes of binary data (not UTF-8 text), so it is not shown or editable here; saving
              would replace it. Use <code>trellis kv get</code> / <code>kv put</code> for binary values.
            </div>
          ) : (
            <label>
              Value
              <textarea rows={14} value={value} onChange={(e) => setValue(e.target.value)} data-testid="kv-value" spellCheck={false} />
            </label>
          )}
          {conflict && (
            <div className="state error" role="alert" data-testid="kv-conflict">
              <strong>Conflict: not {conflict.action === 'save' ? 'saved' : 'deleted'}.</strong>
              <p>
                {keyName} was changed by someone else since you loaded it (you had ModifyIndex {conflict.mine}
                {conflict.theirs !== undefined ? `, it is now at ${conflict.theirs}` : ', and it has since been deleted'}).
              </p>
              <div className="actions">
                <button type="button" onClick={reload} disabled={!remote}>
                  Discard mine, load theirs
                </button>
                {conflict.action === 'save' && (
                  <button type="button" className="danger" onClick={() => void save(conflict.theirs ?? 0)} data-testid="kv-overwrite">
                    Overwrite theirs
                  </button>
                )}
              </div>
            </div>
          )}
          {error && (
            <div className="state error" role="alert" data-testid="kv-error">
              {error}
            </div>
          )}
          {saved && (
            <div className="state ok" role="status" data-testid="kv-saved">
              {saved}
            </div>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={busy || loaded.binary !== undefined} data-testid="kv-save">
              Save
            </button>
            <button type="button" className="danger" onClick={remove} disabled={busy} data-testid="kv-delete">
              Delete
            </button>
            <Link className="button" href={kvHref(dc, parentOf(keyName))}>
              Back
            </Link>
          </div>
        </form>
      )}
    </section>
  );
}
