-- Reports over a year of a big book (issue 14's numbers): the sales of a period (orders,
-- deliveries, after-sale service) read from an index alone, not from the wide interaction
-- rows scattered over the file (100,000 customers, 1,000,000 interactions: the year's sales
-- went from a random read of the table per row to one range of this index).
CREATE INDEX interactions_sales ON interactions (kind, at, customer_id, price, spend, model)
    WHERE kind IN ('order', 'delivery', 'service');
-- Whether a delivery had an order before it: the customer's orders alone. `kind` is kept in
-- the index so the check needs no table row.
CREATE INDEX interactions_orders ON interactions (customer_id, at, kind) WHERE kind = 'order';
