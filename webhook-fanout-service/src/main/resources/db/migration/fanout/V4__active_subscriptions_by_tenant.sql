-- Fan-out matches every event against its tenant's active subscriptions (SubscriptionRepository.FIND_ACTIVE): one
-- index range per event, already in the statement's order, however many tenants and disabled endpoints are stored.
CREATE INDEX subscription_active_by_tenant ON subscription (tenant_id, id) WHERE active;
