package dev.voicesession.emulator.model;

/**
 * A permission overwrite on a channel for a role ({@code type} 0) or a member ({@code type} 1).
 *
 * @param id role or user id
 * @param type 0 for a role, 1 for a member
 * @param allow permission bits explicitly allowed
 * @param deny permission bits explicitly denied
 */
public record Overwrite(long id, int type, long allow, long deny) {
    /** Overwrite type of a role. */
    public static final int ROLE = 0;
    /** Overwrite type of a member. */
    public static final int MEMBER = 1;
}
