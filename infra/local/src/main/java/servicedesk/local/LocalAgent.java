package servicedesk.local;

import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;

/**
 * The local run's one agent, created in the template's user pool on the emulator as README's "For agents"
 * creates one on AWS: an admin-created user named by their email address, with a permanent password (locally
 * there is no email to carry a temporary one) and in the admins' group, so every page of the console can be tried.
 */
public final class LocalAgent {
    static final String POOL = "AgentPool";
    static final String ADMINS = "AgentAdminsGroup";

    private LocalAgent() {
    }

    public static void create(LocalDeployment deployment, String email, String password) {
        CognitoIdentityProviderClient cognito = deployment.cognito();
        String pool = deployment.ref(POOL);
        cognito.adminCreateUser(create -> create.userPoolId(pool).username(email).messageAction(MessageActionType.SUPPRESS)
                .userAttributes(AttributeType.builder().name("email").value(email).build(),
                        AttributeType.builder().name("email_verified").value("true").build()));
        cognito.adminSetUserPassword(set -> set.userPoolId(pool).username(email).password(password).permanent(true));
        cognito.adminAddUserToGroup(add -> add.userPoolId(pool).username(email).groupName(deployment.ref(ADMINS)));
    }
}
