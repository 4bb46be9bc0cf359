package data

import "github.com/jmoiron/sqlx"

// maxPrepared bounds the statements the writer keeps prepared from one
// transaction to the next.
const maxPrepared = 256

// preparedStatements are the writer's statements kept prepared between
// transactions. SQLite parses a statement each time it is prepared, and a
// transaction prepares its own: a laptop applying fifty small batches a
// minute spent a quarter of its sync parsing the same SQL. A statement
// that a transaction prepared for itself is prepared on the writer once
// the transaction is over (the writer's one connection is free then), and
// later transactions use it through Tx.Stmt, which keeps the connection's
// prepared statement. Only the writer's transactions use it, under
// writeMu.
type preparedStatements struct {
	kept   map[string]*sqlx.Stmt
	wanted map[string]bool
}

// find is the kept statement of query, or nil; a query not kept yet is
// noted for prepareWanted, while there is room.
func (p *preparedStatements) find(query string) *sqlx.Stmt {
	if st, ok := p.kept[query]; ok {
		return st
	}
	if len(p.kept)+len(p.wanted) < maxPrepared {
		if p.wanted == nil {
			p.wanted = map[string]bool{}
		}
		p.wanted[query] = true
	}
	return nil
}

// prepareWanted prepares on db the queries find did not have. A query
// that fails to prepare is left to each transaction, which reports it.
func (p *preparedStatements) prepareWanted(db *sqlx.DB) {
	for query := range p.wanted {
		st, err := db.Preparex(query)
		if err != nil {
			continue
		}
		if p.kept == nil {
			p.kept = map[string]*sqlx.Stmt{}
		}
		p.kept[query] = st
	}
	clear(p.wanted)
}

func (p *preparedStatements) close() {
	for _, st := range p.kept {
		st.Close()
	}
	clear(p.kept)
	clear(p.wanted)
}
