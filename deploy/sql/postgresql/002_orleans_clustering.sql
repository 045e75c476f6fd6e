-- Orleans cluster membership (AdoNetClusteringTable and the client's AdoNetGatewayListProvider).
--
-- One version row per cluster (Orleans' "DeploymentId" is the ClusterId) and one row per silo incarnation.
-- Every change to a silo row must name the table version it was based on: the change is made, and the
-- version moved on by one, only when that version is still current; otherwise nothing changes and the
-- query answers false, and Orleans re-reads the table and tries again.
-- Times are timestamptz: Orleans writes and reads UTC DateTimes.

CREATE TABLE IF NOT EXISTS orleans_membership_version (
    deployment_id varchar(150) NOT NULL PRIMARY KEY,
    version       integer      NOT NULL DEFAULT 0,
    changed_at    timestamptz  NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS orleans_membership (
    deployment_id   varchar(150) NOT NULL REFERENCES orleans_membership_version (deployment_id) ON DELETE CASCADE,
    address         varchar(45)  NOT NULL,
    port            integer      NOT NULL,
    generation      integer      NOT NULL,
    silo_name       varchar(150) NOT NULL,
    host_name       varchar(150) NOT NULL,
    status          integer      NOT NULL,
    proxy_port      integer      NOT NULL,
    -- "silo,time|silo,time": who suspects this silo and since when, in Orleans' own text format.
    suspect_times   text         NULL,
    start_time      timestamptz  NOT NULL,
    i_am_alive_time timestamptz  NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Adds a silo row when the table is still at expected_version, and moves the version on.
-- The version row is locked first, so the check, the insert and the bump are one step for every writer.
CREATE OR REPLACE FUNCTION orleans_membership_insert(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_silo_name       text,
    p_host_name       text,
    p_status          integer,
    p_proxy_port      integer,
    p_start_time      timestamptz,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
      FROM orleans_membership_version v
     WHERE v.deployment_id = p_deployment_id
       FOR UPDATE;
    IF current_version IS NULL OR current_version <> p_expected_version THEN
        RETURN false;
    END IF;

    INSERT INTO orleans_membership (deployment_id, address, port, generation, silo_name, host_name,
                                    status, proxy_port, suspect_times, start_time, i_am_alive_time)
    VALUES (p_deployment_id, p_address, p_port, p_generation, COALESCE(p_silo_name, ''), COALESCE(p_host_name, ''),
            p_status, COALESCE(p_proxy_port, 0), NULL, p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = orleans_next_version(version), changed_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

-- Changes a silo row's status, suspicions and liveness when the table is still at expected_version.
CREATE OR REPLACE FUNCTION orleans_membership_update(
    p_deployment_id   text,
    p_address         text,
    p_port            integer,
    p_generation      integer,
    p_status          integer,
    p_suspect_times   text,
    p_i_am_alive_time timestamptz,
    p_expected_version integer)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
    current_version integer;
BEGIN
    SELECT v.version INTO current_version
      FROM orleans_membership_version v
     WHERE v.deployment_id = p_deployment_id
       FOR UPDATE;
    IF current_version IS NULL OR current_version <> p_expected_version THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership
       SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = p_i_am_alive_time
     WHERE deployment_id = p_deployment_id
       AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RETURN false;
    END IF;

    UPDATE orleans_membership_version
       SET version = orleans_next_version(version), changed_at = now()
     WHERE deployment_id = p_deployment_id;
    RETURN true;
END
$fn$;

-- Parameter and column names below are Orleans' (see Orleans.Clustering.AdoNet, DbStoredQueries).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey', $q$
    WITH created AS (
        INSERT INTO orleans_membership_version (deployment_id) VALUES (@DeploymentId)
        ON CONFLICT DO NOTHING
        RETURNING 1
    )
    SELECT count(*) > 0 AS "Created" FROM created
$q$),
('InsertMembershipKey', $q$
    SELECT orleans_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName,
                                     @Status, @ProxyPort, @StartTime, @IAmAliveTime, @Version) AS "Inserted"
$q$),
('UpdateMembershipKey', $q$
    SELECT orleans_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes,
                                     @IAmAliveTime, @Version) AS "Updated"
$q$),
('UpdateIAmAlivetimeKey', $q$
    UPDATE orleans_membership
       SET i_am_alive_time = @IAmAliveTime
     WHERE deployment_id = @DeploymentId
       AND address = @Address AND port = @Port AND generation = @Generation
$q$),
('MembershipReadRowKey', $q$
    SELECT v.version AS "Version",
           m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
           m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m
        ON m.deployment_id = v.deployment_id
       AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
     WHERE v.deployment_id = @DeploymentId
$q$),
('MembershipReadAllKey', $q$
    SELECT v.version AS "Version",
           m.address AS "Address", m.port AS "Port", m.generation AS "Generation",
           m.silo_name AS "SiloName", m.host_name AS "HostName", m.status AS "Status",
           m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
           m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
      FROM orleans_membership_version v
      LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
     WHERE v.deployment_id = @DeploymentId
$q$),
('GatewaysQueryKey', $q$
    SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
      FROM orleans_membership
     WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0
$q$),
('DeleteMembershipTableEntriesKey', $q$
    DELETE FROM orleans_membership_version WHERE deployment_id = @DeploymentId
$q$),
('CleanupDefunctSiloEntriesKey', $q$
    DELETE FROM orleans_membership
     WHERE deployment_id = @DeploymentId
       AND i_am_alive_time < @IAmAliveTime
       AND status <> 3
$q$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
