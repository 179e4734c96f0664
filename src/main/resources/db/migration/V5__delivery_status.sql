-- Operations: unfinished and dead sink work is counted (metrics) and listed (admin API) by state.
CREATE INDEX delivery_status ON delivery (status);
