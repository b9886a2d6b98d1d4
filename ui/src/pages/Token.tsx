import { useState } from 'react';
import { getToken, setToken } from '../api';

/** The ACL token box: kept in this browser's localStorage only and sent as X-Consul-Token. */
export function Token() {
  const [value, setValue] = useState(getToken);
  const [message, setMessage] = useState<string>();
  return (
    <section className="page" aria-labelledby="page-title">
      <h1 id="page-title">ACL token</h1>
      <form
        className="card form"
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value.trim());
          setMessage(value.trim() ? 'Token saved in this browser.' : 'Token cleared: requests use the agent’s default token.');
        }}
      >
        <p className="muted">
          The token is stored in this browser only (localStorage) and sent with every request as the X-Consul-Token header. It never
          leaves this browser except to this agent.
        </p>
        <label>
          Secret ID
          <input type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} data-testid="token-input" />
        </label>
        {message && (
          <div className="state ok" role="status">
            {message}
          </div>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            Save token
          </button>
          <button
            type="button"
            onClick={() => {
              setValue('');
              setToken('');
              setMessage('Token cleared: requests use the agent’s default token.');
            }}
          >
            Clear
          </button>
        </div>
      </form>
    </section>
  );
}
