/**
 * Dashboard page of the signed-in user's API tokens: list, create (the token is shown
 * once) and revoke.
 */
package io.portico.admin.ui.token;
